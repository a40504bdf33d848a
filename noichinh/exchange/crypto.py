"""A sender's identity encrypted to the recipient instance's public key (RSA, PEM).

Hybrid: a fresh AES-256-GCM key per record encrypts the JSON; RSA-OAEP (SHA-256) wraps that
key. Only the holder of the private key reads it; this instance cannot once it is sent.
"""

import base64
import json
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ALG = "RSA-OAEP-256+A256GCM"
_OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)


def load_public_key(pem: bytes):
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 2048:
        raise ValueError("Khóa công khai phải là khóa RSA từ 2048 bit (định dạng PEM).")
    return key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encrypt_for(public_key, data: dict) -> dict:
    content_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    plaintext = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
    return {
        "alg": ALG,
        "key": _b64(public_key.encrypt(content_key, _OAEP)),
        "nonce": _b64(nonce),
        "ciphertext": _b64(AESGCM(content_key).encrypt(nonce, plaintext, None)),
    }


def decrypt_with(private_key, box: dict) -> dict:
    if box.get("alg") != ALG:
        raise ValueError("Thuật toán mã hóa không được hỗ trợ.")
    content_key = private_key.decrypt(base64.b64decode(box["key"]), _OAEP)
    plaintext = AESGCM(content_key).decrypt(
        base64.b64decode(box["nonce"]), base64.b64decode(box["ciphertext"]), None
    )
    return json.loads(plaintext)
