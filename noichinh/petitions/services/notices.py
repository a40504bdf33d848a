"""Signing the PDF of a petition's notice."""

from django.core.exceptions import ValidationError

from noichinh.petitions import permissions
from noichinh.petitions.models import (
    Petition,
)


def petition_notice_sign(*, actor, petition: Petition, kind: str, key):
    """Sign the PDF of one of ``petition``'s notices (``documents.KINDS``) with ``key``
    (``core.pdfsign.KeySource``); the signed copy is stored with the notice's SHA-256."""
    from noichinh.core import docx_pdf
    from noichinh.core import services as core_services
    from noichinh.core.models import SignedPdf
    from noichinh.petitions import documents

    permissions.require_sign_petition_notice(actor, petition)
    if kind not in documents.available(petition):
        raise ValidationError("Đơn chưa có văn bản này để ký.")
    pdf = docx_pdf.docx_to_pdf(documents.render(petition, kind))
    doc_type = documents.KINDS[kind][0].capitalize()
    return core_services.pdf_sign(
        actor=actor,
        kind=SignedPdf.PETITION_NOTICE,
        object_id=petition.pk,
        variant=kind,
        pdf=pdf,
        key=key,
        signer_name=actor.full_name,
        reason=f"{doc_type} về đơn số {petition.receipt_no}",
        location=documents.province_place(petition.agency),
        object_repr=f"{doc_type} · đơn {petition.receipt_no}",
    )
