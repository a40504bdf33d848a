"""Home-page card: answers the senders marked "not satisfied" (issue 19 §4), for whoever sees
those petitions (the head of the agency that answered, and above)."""

from noichinh.portal import selectors


def panels(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    unsatisfied = selectors.feedback_list(
        user=user, filters=selectors.FeedbackFilters(satisfied="0")
    )
    count = unsatisfied.count()
    if not count:
        return []
    return [
        {
            "template": "portal/panel.html",
            "unsatisfied": count,
            "latest": list(unsatisfied[:5]),
        }
    ]
