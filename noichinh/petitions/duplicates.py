"""Near-duplicate petitions: MinHash LSH over 3-syllable shingles of folded text, stored as
band keys (``ContentBand``) so the look-up is an index probe on both databases, confirmed
with rapidfuzz (shared/domain/vietnamese-text.md). Same sender / ID number (CCCD) is matched
by the non-identifying HMAC keys; on a sealed denunciation only for a user who may reveal its
identity (see ``propose``)."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from noichinh.core.text import fold

if TYPE_CHECKING:
    from noichinh.petitions.models import Petition

NUM_PERM = 100
BANDS = 20
ROWS = NUM_PERM // BANDS  # threshold ≈ (1/20)^(1/5) ≈ 0.55
_PRIME = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(1)
_A = _rng.randint(1, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.randint(0, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)
MIN_SCORE = 60


def shingles(text: str, k: int = 3, *, folded: str | None = None) -> set[str]:
    words = (fold(text) if folded is None else folded).replace(",", " ").replace(".", " ").split()
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


@functools.lru_cache(maxsize=1 << 18)
def _hash32(s: str) -> int:
    # Cached: petitions share most of their shingles (bulk generators, imports).
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "little")


def signature(text: str, *, folded: str | None = None) -> np.ndarray | None:
    sh = shingles(text, folded=folded)
    if not sh:
        return None
    hv = np.fromiter((_hash32(s) for s in sh), dtype=np.uint64, count=len(sh))
    # (a*x + b) mod p, truncated to 32 bits, min over shingles: the datasketch scheme.
    phv = ((np.outer(hv, _A) + _B) % _PRIME) & _MAX
    return phv.min(axis=0)


def band_keys(text: str, *, folded: str | None = None) -> list[int]:
    """The BANDS LSH keys of ``text`` (``folded``: its core.text.fold, when already known)."""
    sig = signature(text, folded=folded)
    if sig is None:
        return []
    keys = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def index_petition(petition) -> None:
    from noichinh.petitions.models import ContentBand

    ContentBand.objects.filter(petition=petition).delete()
    ContentBand.objects.bulk_create(
        [ContentBand(petition=petition, band=k) for k in band_keys(petition.content)]
    )


def insert_bands(petitions, batch_size: int = 10_000) -> int:
    """Write the band keys of saved ``petitions`` through core.bulkload (COPY on PostgreSQL):
    bulk loaders would spend most of their time in the ORM at twenty rows per petition."""
    from noichinh.core import bulkload
    from noichinh.petitions.models import ContentBand

    rows = (
        (p.pk, k)
        for p in petitions
        for k in band_keys(p.content, folded=getattr(p, "content_folded", None) or None)
    )
    return bulkload.load(ContentBand, ("petition_id", "band"), rows, batch=batch_size)


def bands_for_many(petitions) -> list:
    """Unsaved ContentBand rows for already-saved petitions (bulk loaders)."""
    from noichinh.petitions.models import ContentBand

    rows = []
    for p in petitions:
        rows.extend(ContentBand(petition_id=p.pk, band=k) for k in band_keys(p.content))
    return rows


@dataclass
class Candidate:
    petition: Petition
    score: int
    same_sender: bool
    same_id: bool
    reasons: list[str]
    # Set by selectors.duplicate_proposals for the user shown the proposal.
    visible: bool = False
    sealed_match: Petition | None = None


def propose(
    *,
    user,
    content: str,
    sender_hash: str = "",
    sender_id_hash: str = "",
    exclude_pk=None,
    limit: int = 10,
) -> list[Candidate]:
    """Earlier petitions likely about the same matter, best first (across agencies and years),
    as ``user`` may be shown them.

    A denunciation's sender keys are its sealed identity: a candidate is matched on them only
    when ``user`` may reveal that denunciation (``permissions.can_match_sender``), and the
    caller passes the keys of the petition looked at only under the same rule
    (``selectors.duplicate_proposals``). Denunciations ``user`` may not see are no candidates
    at all (``permissions.duplicate_candidates_q``). Both are filtered before counting,
    scoring and ordering, so a hidden match changes nothing the user can observe."""
    from noichinh.petitions import permissions
    from noichinh.petitions.models import ContentBand, Petition, PetitionType

    keys = band_keys(content)
    ids: dict[int, set[str]] = {}
    if keys:
        for pid in (
            ContentBand.objects.filter(band__in=keys)
            .filter(permissions.duplicate_candidates_q(user, prefix="petition__"))
            .values_list("petition_id", flat=True)
            .distinct()[:200]
        ):
            ids.setdefault(pid, set()).add("content")
    for reason, field, value in (
        ("sender", "sender_hash", sender_hash),
        ("id", "sender_id_hash", sender_id_hash),
    ):
        if not value:
            continue
        matching = Petition.objects.filter(**{field: value}).exclude(pk=exclude_pk)
        plain = matching.exclude(type=PetitionType.DENUNCIATION).values_list("pk", flat=True)
        for pid in plain[:50]:
            ids.setdefault(pid, set()).add(reason)
        sealed = (
            matching.filter(type=PetitionType.DENUNCIATION)
            .filter(permissions.duplicate_candidates_q(user))
            .only("pk", "type", "state", "agency_id", "assigned_officer_id")
        )
        for p in sealed[:50]:
            if permissions.can_match_sender(user, p):
                ids.setdefault(p.pk, set()).add(reason)
    ids.pop(exclude_pk, None)
    if not ids:
        return []
    folded = fold(content)
    out = []
    for p in Petition.objects.filter(pk__in=list(ids)).select_related("agency"):
        score = int(fuzz.token_set_ratio(folded, p.content_folded))
        why = ids[p.pk]
        if "sender" not in why and "id" not in why and score < MIN_SCORE:
            continue
        reasons = []
        if "sender" in why:
            reasons.append("cùng người gửi")
        if "id" in why:
            reasons.append("cùng số CCCD")
        if score >= MIN_SCORE:
            reasons.append(f"nội dung giống {score}%")
        out.append(Candidate(p, score, "sender" in why, "id" in why, reasons))
    out.sort(
        key=lambda c: (c.same_sender or c.same_id, c.score, c.petition.received_on), reverse=True
    )
    return out[:limit]
