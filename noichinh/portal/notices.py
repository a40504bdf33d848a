"""Messages to the sender of a petition: the petition was accepted or not, forwarded (to whom),
more information is asked for, the time limit was extended or suspended (why), it was
answered. Issue 19 §4.

What a message says: the receipt number (số vào sổ) the sender was given, the event, the
agency it went to or the reason and the new time limit when there is one, and the link to
the follow-up page. Never the petition's content, never anyone's identity, never the receipt
code (a message can be read by others: a shared mailbox, a phone's lock screen).

How it is sent: the officer's action writes a ``CitizenNotice`` row (pending) in its own
transaction, through the signals below (Transition and PortalMessage rows are written by
every petitions service, so the services themselves do not change); after the commit the rows
are handed to a django-tasks task (``portal.tasks.send_citizen_notices``) that claims each row
by an update, sends it, and marks it sent or failed. A failure is recorded on the row and
logged; it never undoes or breaks the officer's action.

Who is told: the sender of a petition that has a receipt code (sent through the portal, or
given one by an officer), at the e-mail address or phone number in its identity — sealed for
a denunciation and unsealed only here, to send, never shown. A forwarded hop's events go to
the sender of the record the code belongs to (the first of the chain).

Law: these messages are a courtesy on top of the written notices the law requires (the
notice of acceptance of a complaint, Law on Complaints 2011 art. 27; the notices of Circular
05/2021/TT-TTCP on handling petitions). Whether an e-mail or SMS may itself serve as such a
notice was not checked here (UNVERIFIED): the officers still issue the documents.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save

from noichinh.portal.models import CitizenNotice, PortalAccess, PortalMessage
from noichinh.portal.notice_sending import (  # noqa: F401 (the sending side, read from here too)
    E,
    compose,
    contact_of,
    send,
    send_pending,
)

log = logging.getLogger(__name__)

TRANSITION_EVENTS = {
    "accept": E.ACCEPTED,
    "guide": E.REFUSED,
    "return": E.REFUSED,
    "archive": E.REFUSED,
    "forward": E.FORWARDED,
    "extend": E.EXTENDED,
    "suspend": E.SUSPENDED,
    "resume": E.RESUMED,
    "resolve": E.ANSWERED,
}
MESSAGE_EVENTS = {
    PortalMessage.Kind.QUESTION: E.INFO_REQUESTED,
    PortalMessage.Kind.ANSWER: E.ANSWERED,
}


# --- who is told -----------------------------------------------------------------------------


def root_of(petition):
    """The first record of a forwarding chain: the one the sender's receipt code opens."""
    from noichinh.petitions.models import Petition

    current = petition
    for _ in range(10):
        if not current.forwarded_from_id:
            return current
        current = Petition.objects.only("id", "forwarded_from_id").get(pk=current.forwarded_from_id)
    return current


def record(*, about, event: str, source: str) -> list[CitizenNotice]:
    """The pending messages an event on ``about`` makes (none without a code or a contact);
    sent after the surrounding transaction commits."""
    root = root_of(about)
    if not PortalAccess.objects.filter(petition_id=root.pk).exists():
        return []
    from noichinh.petitions.models import Petition

    root = Petition.objects.get(pk=root.pk)
    made = []
    for channel, address in contact_of(root).items():
        if not address:
            continue
        notice, created = CitizenNotice.objects.get_or_create(
            petition=root,
            source=source[:60],
            channel=channel,
            defaults={"event": event, "about": about},
        )
        if created:
            made.append(notice)
    if made:
        ids = [n.pk for n in made]
        transaction.on_commit(lambda: _enqueue(ids))
    return made


def _enqueue(ids):
    from noichinh.portal.tasks import send_citizen_notices

    try:
        send_citizen_notices.enqueue(notice_ids=ids)
    except Exception:  # a queue failure must not break the officer's request
        log.exception("Could not queue citizen notices %s", ids)


def _on_transition(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    event = TRANSITION_EVENTS.get(instance.action)
    if event is None:
        return
    record(about=instance.petition, event=event, source=f"transition:{instance.pk}")


def _on_message(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    event = MESSAGE_EVENTS.get(instance.kind)
    if event is None:
        return
    record(about=instance.petition, event=event, source=f"message:{instance.pk}")


def connect():
    from noichinh.petitions.models import Transition

    post_save.connect(_on_transition, sender=Transition, dispatch_uid="citizen_notice_transition")
    post_save.connect(_on_message, sender=PortalMessage, dispatch_uid="citizen_notice_message")
