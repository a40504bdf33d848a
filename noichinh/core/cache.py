"""Django's database cache with an atomic ``incr`` (the portal's rate-limit counters).

``DatabaseCache.incr`` is a ``get`` then a ``set`` with the default timeout: two workers
counting at once both read 3 and both write 4 (a limit of 30 lets through more), and the
counter's expiry moves to 300 s from now. Here the row is read and written in one
transaction — locked with SELECT … FOR UPDATE on PostgreSQL, under the write lock that
IMMEDIATE transactions take on SQLite (settings) — and its expiry is left as it was.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)  # type: ignore[attr-defined]  # set by DatabaseCache.__init__
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('value')} FROM {table} "  # noqa: S608  # nosec B608
                f"WHERE {quote_name('cache_key')} = %s AND {quote_name('expires')} >= %s{lock}",
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301  # nosec B301 - our own rows
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote_name('value')} = %s "  # noqa: S608  # nosec B608
                f"WHERE {quote_name('cache_key')} = %s",
                [pickled, key],
            )
        return value
