"""Helpers shared by the import tests."""

from django.db import connection

# Tables that change on any request (logins, sessions, tokens), not records of the domain.
_IGNORED_PREFIXES = ("django_session", "axes_", "org_apitoken")


def row_counts() -> dict[str, int]:
    """Rows per table of the whole database: 'nothing created' means this did not change."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith(_IGNORED_PREFIXES):
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - introspected names
            counts[table] = cursor.fetchone()[0]
    return counts


def form_data(html: str, testid: str) -> dict[str, list[str]]:
    """What a browser would submit from the form ``data-testid=testid`` of ``html``."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.inside = False
            self.data: dict[str, list[str]] = {}
            self.textarea: str | None = None
            self.select: str | None = None
            self.select_value: str | None = None
            self.select_first: str | None = None
            self.buffer = ""

        def add(self, name, value):
            self.data.setdefault(name, []).append(value)

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form" and a.get("data-testid") == testid:
                self.inside = True
            if not self.inside:
                return
            if tag == "input" and a.get("name"):
                kind = a.get("type", "text")
                if kind in ("checkbox", "radio"):
                    if "checked" in a:
                        self.add(a["name"], a.get("value", "on"))
                elif kind not in ("submit", "button", "file"):
                    self.add(a["name"], a.get("value") or "")
            elif tag == "textarea":
                self.textarea, self.buffer = a.get("name"), ""
            elif tag == "select":
                self.select, self.select_value, self.select_first = a.get("name"), None, None
            elif tag == "option" and self.select:
                value = a.get("value", "")
                if self.select_first is None:
                    self.select_first = value
                if "selected" in a:
                    self.select_value = value

        def handle_data(self, data):
            if self.textarea is not None:
                self.buffer += data

        def handle_endtag(self, tag):
            if not self.inside:
                return
            if tag == "textarea" and self.textarea is not None:
                value = self.buffer[1:] if self.buffer.startswith("\n") else self.buffer
                self.add(self.textarea, value)
                self.textarea = None
            elif tag == "select" and self.select:
                value = self.select_value if self.select_value is not None else self.select_first
                self.add(self.select, value or "")
                self.select = None
            elif tag == "form":
                self.inside = False

    parser = Parser()
    parser.feed(html)
    return parser.data
