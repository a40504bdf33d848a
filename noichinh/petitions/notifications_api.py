"""API of the officer's own inbox (issue 19 §3): the in-app notifications, the same as the
page ``petitions:notifications``. Everyone reads and marks only their own: another person's
notice is not found (404), never shown. A notice about a petition the reader may not open
(a supervising body told of another agency's late petition) carries no petition id."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from noichinh.core.apitypes import Pagination, RecordId
from noichinh.petitions import permissions, services
from noichinh.petitions.models import Notification

PREFIX = "/notifications"
router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    message: str
    created_at: dt.datetime
    read: bool
    read_at: dt.datetime | None
    petition_id: int | None


class Marked(Schema):
    marked: int


class Unread(Schema):
    unread: int


def _own(user):
    return Notification.objects.filter(user=user)


@router.get("/", response=list[NotificationOut], summary="Thông báo của tôi (mới nhất trước)")
@paginate(Pagination)
def notification_list(request, unread: bool = False):
    qs = _own(request.user).order_by("-created_at", "-id")
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return _Rows(request.user, qs)


class _Rows:
    """The page's rows as the schema wants them; whether each petition may be opened is
    asked once for the page (not once per row)."""

    def __init__(self, user, qs):
        self.user, self.qs = user, qs

    def __len__(self):  # core.listing.count_upto: counted no further than its cap
        from noichinh.core.listing import COUNT_CAP, count_upto

        return count_upto(self.qs, COUNT_CAP + 1)

    def __getitem__(self, window):
        rows = list(self.qs[window])
        ids = {n.petition_id for n in rows if n.petition_id}
        visible = set(
            permissions.visible_petitions(self.user).filter(pk__in=ids).values_list("pk", flat=True)
            if ids
            else ()
        )
        return [
            {
                "id": n.pk,
                "kind": n.kind,
                "message": n.message,
                "created_at": n.created_at,
                "read": n.read_at is not None,
                "read_at": n.read_at,
                "petition_id": n.petition_id if n.petition_id in visible else None,
            }
            for n in rows
        ]


@router.get("/unread-count", response=Unread, summary="Số thông báo chưa đọc")
def notification_unread_count(request):
    return {"unread": services.notification_unread_count(user=request.user)}


@router.post("/read-all", response=Marked, summary="Đánh dấu đã đọc tất cả")
def notification_read_all(request):
    ids = _own(request.user).filter(read_at__isnull=True).values_list("pk", flat=True)
    return {"marked": services.notification_mark_read(actor=request.user, notification_ids=ids)}


@router.post("/{notification_id}/read", response=Marked, summary="Đánh dấu một thông báo đã đọc")
def notification_read(request, notification_id: RecordId):
    if not _own(request.user).filter(pk=notification_id).exists():
        raise Http404
    marked = services.notification_mark_read(actor=request.user, notification_ids=[notification_id])
    return {"marked": marked}
