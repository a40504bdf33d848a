"""Receipt codes: Crockford base32 in groups, at least 128 random bits, typed in any case and
with the look-alike letters, and the codes handed out before still open their petition."""

import math
import re
import secrets

import pytest

from noichinh.portal import codes, services
from noichinh.portal.models import PortalAccess, code_hash

pytestmark = pytest.mark.django_db

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def test_new_code_is_crockford_base32_in_groups_of_four():
    code = codes.new_code()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4})+", code), code
    assert not set(code.replace("-", "")) & set("ILOU")


def test_new_code_carries_at_least_128_random_bits():
    symbols = len(codes.new_code().replace("-", ""))
    assert symbols * math.log2(len(CROCKFORD)) >= 128
    assert len({codes.new_code() for _ in range(200)}) == 200


def test_normalise_folds_case_look_alikes_spaces_and_dashes():
    code = "K7QM-3XH9-01AB-CDEF-GHJK-MNPQ-RSTV"
    typed = " k7qm 3xh9-oiab-cdef-ghjk-mnpq-rstv "
    assert codes.normalise(typed) == codes.normalise(code) == code.replace("-", "")
    assert codes.normalise("L") == "1"


def test_a_code_typed_in_lower_case_with_look_alikes_opens_the_petition(agencies):
    petition, code = services.portal_submit(
        agency=agencies["BTCD"],
        type="complaint",
        content="Khiếu nại việc cấp giấy chứng nhận.",
        sender_name="Lê Văn A",
        sender_address="Xã Hòa Bình",
    )
    assert codes.normalise(code) == code.replace("-", "")
    mistyped = code.lower().replace("0", "o").replace("1", "l").replace("-", " ")
    assert services.petition_id_for_code(mistyped) == petition.pk
    assert services.petition_id_for_code(code) == petition.pk
    assert services.petition_id_for_code(code[:-1] + ("X" if code[-1] != "X" else "Y")) is None


def test_a_code_of_the_old_format_still_opens_its_petition(agencies):
    petition, _ = services.portal_submit(
        agency=agencies["BTCD"],
        type="complaint",
        content="Khiếu nại việc cấp giấy chứng nhận.",
        sender_name="Lê Văn A",
        sender_address="Xã Hòa Bình",
    )
    old = secrets.token_urlsafe(18)  # the format handed out before: hashed as typed
    PortalAccess.objects.filter(petition=petition).update(code_hash=code_hash(old))
    assert services.petition_id_for_code(old) == petition.pk
    assert services.petition_id_for_code(" " + old + " ") == petition.pk
    assert services.petition_id_for_code(old.upper()) in (None, petition.pk)
    assert services.petition_id_for_code("") is None
