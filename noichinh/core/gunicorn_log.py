"""gunicorn's logger without query strings (see noichinh.core.accesslog):
`gunicorn --logger-class noichinh.core.gunicorn_log.GunicornLogger`."""

from gunicorn.glogging import Logger

from noichinh.core.accesslog import strip_query

# Atoms of gunicorn's access log format that hold a URL or a query string. Header and
# environment atoms are lower-cased by gunicorn ("{referer}i", "{raw_uri}e").
_URL_ATOMS = {"r", "f"}
_URL_NAMES = {"referer", "location", "raw_uri", "request_uri", "http_referer", "path_info",
              "script_name", "content-location"}


class GunicornLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in list(atoms.items()):
            name = key[1:-2] if key.startswith("{") and key[-2:] in ("}i", "}o", "}e") else None
            if key in _URL_ATOMS or name in _URL_NAMES:
                atoms[key] = strip_query(value)
            elif key == "q" or name == "query_string":
                atoms[key] = "-"
        return atoms

    # gunicorn's own messages name the request too ("Error handling request /path?…").
    def error(self, msg, *args, **kwargs):
        super().error(strip_query(msg), *(strip_query(a) for a in args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(strip_query(msg), *(strip_query(a) for a in args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(strip_query(msg), *(strip_query(a) for a in args), **kwargs)

    def info(self, msg, *args, **kwargs):
        super().info(strip_query(msg), *(strip_query(a) for a in args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        super().debug(strip_query(msg), *(strip_query(a) for a in args), **kwargs)
