"""Development data: the demo province and the synthetic-province generators (dev only).

No production module imports this app; it is installed so that ``manage.py load_demo``,
``demo_logins`` and ``generate_province`` exist for ``make run``, the tests and the benchmarks
(as Zulip keeps its development-only code in ``zilencer/``).

- ``demo/<area>.py``: the fixed demo records of each area, ``load(ctx, stdout=None)``
  (``demo/org.py``: the organisation, ``load()``), all idempotent.
- ``generate/province.py``: the generated province (organisation, then each area's
  ``generate/<area>.py``) of ``manage.py generate_province``, deterministic by seed.
"""
