"""Production refuses to start with a secret that is unset, empty or published in this repository.

Settings are read at import, so each case runs in a fresh process, as gunicorn would.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SECRET_NAMES = ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "AUDIT_KEY")
# Written here, so published: anybody who reads the repository knows it.
PUBLISHED_IN_A_TEST = "a-long-and-random-looking-secret-that-is-committed-to-the-repository-4f9c"


def _env(tmp_path, **extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")
        and not any(k == n or k == f"{n}_FILE" for n in SECRET_NAMES)
    }
    env.update({"DEBUG": "0", "VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"})
    env.update(extra)
    return env


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _check_deploy(env):
    result = _run(["manage.py", "check", "--deploy"], env)
    return result.returncode, result.stdout + result.stderr


def _env_example():
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value
    return values


def _good_secrets():
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "AUDIT_KEY": secrets.token_urlsafe(32),
    }


def test_check_deploy_without_secrets_fails_and_names_each_variable(tmp_path):
    code, out = _check_deploy(_env(tmp_path))
    assert code != 0
    assert "SECRET_KEY chưa được đặt" in out
    assert "FIELD_ENCRYPTION_KEY chưa được đặt" in out
    # ...and says how to make one.
    assert "secrets.token_urlsafe(50)" in out
    assert "Fernet.generate_key()" in out


def test_check_deploy_refuses_the_values_of_env_example(tmp_path):
    example = _env_example()
    env = _env(
        tmp_path,
        SECRET_KEY=example["SECRET_KEY"],
        FIELD_ENCRYPTION_KEY=example["FIELD_ENCRYPTION_KEY"],
    )
    code, out = _check_deploy(env)
    assert code != 0
    assert "SECRET_KEY là một giá trị đã công bố" in out
    assert "FIELD_ENCRYPTION_KEY là một giá trị đã công bố" in out


def test_env_example_has_no_empty_secret():
    example = _env_example()
    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY"):
        assert example[name].strip(), name


def test_check_deploy_refuses_an_empty_key(tmp_path):
    code, out = _check_deploy(_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(50),
                                   FIELD_ENCRYPTION_KEY=""))
    assert code != 0
    assert "FIELD_ENCRYPTION_KEY chưa được đặt" in out
    assert "noichinh.E001" not in out  # the SECRET_KEY given is fine


def test_check_deploy_refuses_any_value_found_in_the_repository(tmp_path):
    env = _env(tmp_path, **{**_good_secrets(), "SECRET_KEY": PUBLISHED_IN_A_TEST})
    code, out = _check_deploy(env)
    assert code != 0 and "SECRET_KEY là một giá trị đã công bố" in out


def test_check_deploy_refuses_the_local_default_field_key_given_explicitly(tmp_path):
    from django.conf import settings

    local_default = settings.FIELD_ENCRYPTION_KEY  # the tests run on the published default
    env = _env(tmp_path, **{**_good_secrets(), "FIELD_ENCRYPTION_KEY": local_default})
    code, out = _check_deploy(env)
    assert code != 0 and "FIELD_ENCRYPTION_KEY là một giá trị đã công bố" in out


def test_check_deploy_refuses_a_field_key_that_is_not_fernet(tmp_path):
    env = _env(tmp_path, **{**_good_secrets(), "FIELD_ENCRYPTION_KEY": secrets.token_urlsafe(40)})
    code, out = _check_deploy(env)
    assert code != 0 and "không phải danh sách khóa Fernet hợp lệ" in out


def test_secrets_from_files_pass_the_deploy_check(tmp_path):
    env = _env(tmp_path)
    for name, value in _good_secrets().items():
        path = tmp_path / name.lower()
        path.write_text(value + "\n", encoding="utf-8")
        env[f"{name}_FILE"] = str(path)
    code, out = _check_deploy(env)
    assert "noichinh.E" not in out, out
    assert code == 0, out


def test_an_old_published_field_key_kept_for_rotation_is_only_a_warning(tmp_path):
    from django.conf import settings

    keys = f"{Fernet.generate_key().decode()},{settings.FIELD_ENCRYPTION_KEY}"
    env = _env(tmp_path, **{**_good_secrets(), "FIELD_ENCRYPTION_KEY": keys})
    code, out = _check_deploy(env)
    assert code == 0, out
    assert "noichinh.W002" in out and "rotate_field_key" in out


def test_the_wsgi_application_does_not_start_without_secrets(tmp_path):
    """What gunicorn and runserver load: with DEBUG off it raises, naming the variables."""
    result = _run(["-c", "import config.wsgi"], _env(tmp_path))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr and "FIELD_ENCRYPTION_KEY" in result.stderr


def test_the_wsgi_application_starts_with_generated_secrets(tmp_path):
    result = _run(["-c", "import config.wsgi"], _env(tmp_path, **_good_secrets()))
    assert result.returncode == 0, result.stderr


def test_local_run_with_debug_on_needs_no_set_up(tmp_path):
    """`make run` turns DEBUG on and sets no secret: the server loads."""
    result = _run(["-c", "import config.wsgi"], _env(tmp_path, DEBUG="1"))
    assert result.returncode == 0, result.stderr


# --- the NAME_FILE helper --------------------------------------------------------------------


def envsecret(name, default):
    from config.env import envsecret

    return envsecret(name, default)


def test_envsecret_reads_the_file_named_by_name_file(tmp_path, monkeypatch):
    path = tmp_path / "key"
    path.write_text("s3cret-from-a-file\n", encoding="utf-8")
    monkeypatch.delenv("NC_TEST_SECRET", raising=False)
    monkeypatch.setenv("NC_TEST_SECRET_FILE", str(path))
    assert envsecret("NC_TEST_SECRET", "default") == "s3cret-from-a-file"


def test_envsecret_falls_back_to_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("NC_TEST_SECRET_FILE", raising=False)
    monkeypatch.delenv("NC_TEST_SECRET", raising=False)
    assert envsecret("NC_TEST_SECRET", "default") == "default"
    monkeypatch.setenv("NC_TEST_SECRET", "  ")
    assert envsecret("NC_TEST_SECRET", "default") == "default"


def test_envsecret_refuses_both_or_an_unreadable_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NC_TEST_SECRET", "x")
    monkeypatch.setenv("NC_TEST_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        envsecret("NC_TEST_SECRET", "default")
    monkeypatch.delenv("NC_TEST_SECRET")
    with pytest.raises(ImproperlyConfigured, match="cannot read"):
        envsecret("NC_TEST_SECRET", "default")


def test_the_audit_key_is_checked_where_that_setting_exists(tmp_path):
    """AUDIT_KEY (the keyed audit chain) follows the same rule once the setting exists."""
    (tmp_path / "with_audit_key.py").write_text(
        "import os\nfrom config.settings import *  # noqa\n"
        "AUDIT_KEY = os.environ.get('AUDIT_KEY', 'local-audit-key')\n",
        encoding="utf-8",
    )
    good = _good_secrets()
    del good["AUDIT_KEY"]
    env = _env(tmp_path, **good, DJANGO_SETTINGS_MODULE="with_audit_key",
               PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}")
    code, out = _check_deploy(env)
    assert code != 0 and "AUDIT_KEY chưa được đặt" in out
    env["AUDIT_KEY"] = secrets.token_urlsafe(32)
    code, out = _check_deploy(env)
    assert code == 0, out
