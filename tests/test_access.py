"""Access control: who gets in, how, and what they see before they do.

The pure rules first (hashes, the policy, the growing delay, local or relayed
requests), then the real app driven by AppTest with credentials configured: before
login nothing but the login form is drawn; a wrong password is refused, the right
one admits, logging out ends it; without configuration a local run opens directly.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import access, access_policy, login_throttle, passwords
from dashboard.access_policy import (
    EDITOR,
    VIEWER,
    AccessConfigError,
    Identity,
    Policy,
    authenticate,
    is_local_request,
    oidc_identity,
)
from dashboard.login_throttle import Throttle, delay_after
from dashboard.passwords import hash_password, verify_password

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
TEAM_PASSWORD = "olive branch at dawn"
AMIRA_PASSWORD = "granada was postponed"
TEAM_HASH = hash_password(TEAM_PASSWORD)
AMIRA_HASH = hash_password(AMIRA_PASSWORD)
OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret-but-long-enough",
    "client_id": "peacetrack-test",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}


def django_pbkdf2(password: str, salt: str = "pepper", iterations: int = 1000) -> str:
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(key).decode()}"


# ------------------------------------------------------------------ password hashes


def test_access_a_hash_admits_its_password_only():
    assert verify_password(TEAM_PASSWORD, TEAM_HASH)
    assert not verify_password(TEAM_PASSWORD + " ", TEAM_HASH)
    assert not verify_password("", TEAM_HASH)


def test_access_hashes_are_salted():
    assert hash_password(TEAM_PASSWORD) != hash_password(TEAM_PASSWORD)
    assert TEAM_PASSWORD not in TEAM_HASH


def test_access_reads_django_pbkdf2_hashes():
    assert verify_password("s3cret", django_pbkdf2("s3cret"))
    assert not verify_password("s3cret!", django_pbkdf2("s3cret"))


@pytest.mark.parametrize(
    "malformed", ["", "plain password", "scrypt$1$2", "scrypt$x$8$1$a$b", "md5$abc$def", "pbkdf2_sha256$10$salt$%%%"]
)
def test_access_a_malformed_hash_matches_nothing(malformed):
    assert not verify_password("plain password", malformed)


def test_access_compares_in_constant_time(monkeypatch):
    calls = []
    real = passwords.hmac.compare_digest
    monkeypatch.setattr(passwords.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    verify_password("wrong", TEAM_HASH)
    verify_password(TEAM_PASSWORD, TEAM_HASH)
    assert len(calls) == 2


# ------------------------------------------------------------------ the policy


def test_access_nothing_configured_means_no_login():
    assert not Policy.from_config({}, {}).configured


def test_access_team_password_from_secrets_or_environment():
    from_secrets = Policy.from_config({"access": {"password_hash": TEAM_HASH}}, {})
    from_env = Policy.from_config({}, {"PEACETRACK_PASSWORD_HASH": TEAM_HASH})
    assert from_secrets.configured and from_env.configured
    assert from_secrets.team == from_env.team
    assert from_secrets.team.role == VIEWER


def test_access_per_user_accounts_with_roles():
    policy = Policy.from_config(
        {"access": {"users": {"Amira": {"password_hash": AMIRA_HASH, "role": "editor"}, "tomas": TEAM_HASH}}}, {}
    )
    assert policy.asks_for_name
    assert policy.users["amira"].role == EDITOR
    assert policy.users["tomas"].role == VIEWER


@pytest.mark.parametrize(
    "config",
    [
        {"access": {"password_hash": "hunter2hunter2"}},
        {"access": {"users": {"amira": {"password_hash": "hunter2hunter2"}}}},
        {"access": {"users": {"amira": "hunter2hunter2"}}},
    ],
)
def test_access_a_plain_password_is_refused_without_repeating_it(config):
    with pytest.raises(AccessConfigError) as refused:
        Policy.from_config(config, {})
    assert "hunter2" not in str(refused.value)
    assert "python -m dashboard.access" in str(refused.value)


@pytest.mark.parametrize("key", ["allowed", "editors"])
@pytest.mark.parametrize("value", [True, 5])
def test_access_a_list_that_is_not_a_list_is_refused(key, value):
    """`allowed = true` in the secrets is a configuration error the gate shows, not a crash."""
    with pytest.raises(AccessConfigError, match=f"access.{key} must be a list"):
        Policy.from_config({"access": {key: value}}, {})


def test_access_an_unknown_role_is_refused():
    with pytest.raises(AccessConfigError, match="unknown role"):
        Policy.from_config({"access": {"users": {"amira": {"password_hash": AMIRA_HASH, "role": "admin"}}}}, {})


@pytest.mark.parametrize(
    "auth, providers",
    [
        ({}, ()),
        (OIDC, (None,)),
        (
            {"redirect_uri": "x", "cookie_secret": "y", "google": {"client_id": "a"}, "okta": {"client_id": "b"}},
            ("google", "okta"),
        ),
    ],
)
def test_access_oidc_providers_are_read_from_the_auth_section(auth, providers):
    assert Policy.from_config({"auth": auth}, {}).oidc_providers == providers


def test_access_public_on_purpose_only():
    assert not Policy.from_config({}, {}).public
    assert Policy.from_config({"access": {"public": True}}, {}).public
    assert Policy.from_config({}, {"PEACETRACK_PUBLIC": "1"}).public


# ------------------------------------------------------------------ authenticate


@pytest.fixture
def policy() -> Policy:
    return Policy.from_config(
        {"access": {"password_hash": TEAM_HASH, "users": {"amira": {"password_hash": AMIRA_HASH, "role": "editor"}}}},
        {},
    )


@pytest.mark.parametrize(
    "name, password, expected",
    [
        ("", TEAM_PASSWORD, Identity("team", VIEWER, "password")),
        ("amira", AMIRA_PASSWORD, Identity("amira", EDITOR, "password")),
        (" Amira ", AMIRA_PASSWORD, Identity("amira", EDITOR, "password")),
        ("", "wrong", None),
        ("amira", TEAM_PASSWORD, None),  # the team password is not amira's
        ("tomas", TEAM_PASSWORD, None),  # an unknown name
        ("amira", "", None),
    ],
)
def test_access_authenticate(policy, name, password, expected):
    assert authenticate(policy, name, password) == expected


def test_access_an_unknown_name_costs_a_hash_check_too(policy, monkeypatch):
    checked = []
    monkeypatch.setattr(access_policy, "verify_password", lambda p, h: checked.append(h) or False)
    assert authenticate(policy, "nobody", "guess") is None
    assert checked == [access_policy._DUMMY_HASH]


def test_access_only_editors_can_edit():
    assert Identity("amira", EDITOR, "password").can_edit
    assert not Identity("team", VIEWER, "password").can_edit


@pytest.mark.parametrize(
    "user, expected",
    [
        ({"is_logged_in": True, "email": "Tomas@Example.org"}, Identity("tomas@example.org", VIEWER, "oidc")),
        ({"is_logged_in": True, "email": "amira@example.org"}, Identity("amira@example.org", EDITOR, "oidc")),
        ({"is_logged_in": True, "email": "guest@partner.org"}, Identity("guest@partner.org", VIEWER, "oidc")),
        ({"is_logged_in": True, "email": "someone@gmail.com"}, None),  # the provider knows them; we do not
        ({"is_logged_in": True, "email": "tomas@example.org", "email_verified": False}, None),
        ({"is_logged_in": True, "email": "evil@example.org.attacker.net"}, None),
        ({"is_logged_in": False, "email": "tomas@example.org"}, None),
        ({"is_logged_in": True}, None),
    ],
)
def test_access_oidc_users_need_the_allow_list(user, expected):
    policy = Policy.from_config(
        {"auth": OIDC, "access": {"allowed": ["@example.org", "guest@partner.org"], "editors": ["amira@example.org"]}},
        {},
    )
    assert oidc_identity(policy, user) == expected


def test_access_oidc_without_an_allow_list_admits_nobody():
    policy = Policy.from_config({"auth": OIDC}, {})
    assert oidc_identity(policy, {"is_logged_in": True, "email": "tomas@example.org"}) is None


# ------------------------------------------------------------------ growing delay


def test_access_delay_grows_and_is_capped():
    assert [delay_after(n) for n in range(9)] == [0, 1, 2, 4, 8, 16, 32, 60, 60]


def test_access_throttle_per_account_and_cleared_by_success():
    now = [100.0]
    throttle = Throttle(clock=lambda: now[0])
    assert throttle.wait_seconds("amira") == 0
    throttle.failed("amira")
    throttle.failed("amira")
    assert throttle.wait_seconds("amira") == 2
    assert throttle.wait_seconds("team") == 0  # another account is not slowed
    now[0] += 1.5
    assert throttle.wait_seconds("amira") == pytest.approx(0.5)
    now[0] += 0.5
    assert throttle.wait_seconds("amira") == 0
    throttle.succeeded("amira")
    throttle.failed("amira")
    assert throttle.wait_seconds("amira") == 1  # the count started again


def test_access_unknown_names_share_one_throttle_key(policy):
    assert login_throttle.throttle_key(policy, " Amira ") == "amira"
    assert login_throttle.throttle_key(policy, "") == access_policy.TEAM
    keys = {login_throttle.throttle_key(policy, f"guess{i}") for i in range(1000)}
    assert keys == {login_throttle.UNKNOWN_NAME}


# ------------------------------------------------------------------ local or relayed


@pytest.mark.parametrize(
    "ip, headers, local",
    [
        (None, {}, True),
        (None, {"Host": "localhost:8501", "Origin": "http://localhost:8501"}, True),
        (None, {"Host": "127.0.0.1:8501", "Origin": "http://[::1]:8501"}, True),
        ("192.168.1.20", {"Host": "192.168.1.5:8501"}, False),
        (None, {"Host": "127.0.0.1:8501", "X-Forwarded-For": "203.0.113.9"}, False),
        (None, {"Host": "127.0.0.1:8501", "Forwarded": "for=203.0.113.9"}, False),
        (None, {"Host": "127.0.0.1:8501", "Origin": "https://peacetrack.example.org"}, False),  # a proxy adding nothing
        (None, {"Host": "peacetrack.example.org"}, False),
    ],
)
def test_access_local_requests(ip, headers, local):
    assert is_local_request(ip, headers) is local


# ------------------------------------------------------------------ the app behind the gate


@pytest.fixture(autouse=True)
def fresh_throttle(monkeypatch):
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")
    monkeypatch.delenv("PEACETRACK_PASSWORD_HASH", raising=False)
    monkeypatch.delenv("PEACETRACK_PUBLIC", raising=False)
    access._shared_throttle.clear()
    yield
    access._shared_throttle.clear()


@pytest.fixture(scope="module")
def evidence(seed_tables) -> dict[str, list[str]]:
    """Text that only the data can put on the page: sentences, titles, quotes."""
    return {
        "sentences": list(seed_tables["events"]["sentence"].head(20)),
        "titles": [t for t in seed_tables["documents"]["title"] if isinstance(t, str)],
        "quotes": list(seed_tables["quotes"]["text"].head(10)),
    }


@pytest.fixture
def app(seed_build, monkeypatch):
    """app(secrets, user=None) -> an AppTest of the real app on the seeds' build, not yet run."""
    monkeypatch.setenv("PEACETRACK_TABLES", str(seed_build[0]))

    def make(secrets: dict, user: dict | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        at.secrets.update(secrets or {"unrelated": "so that no secrets.toml of this machine is read"})
        if user is not None:
            at.user = user
        return at

    return make


def page_protos(at: AppTest) -> str:
    """Every element the run sent to the browser, as protobuf text (data included)."""

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return "\n".join(str(n.proto) for n in walk(at._tree) if getattr(n, "proto", None) is not None)


def assert_no_data(at: AppTest, evidence: dict) -> None:
    assert not at.exception
    for kind in ("dataframe", "plotly_chart", "html", "metric", "tabs", "download_button"):
        assert not at.get(kind), f"a {kind} was drawn before login"
    sent = page_protos(at)
    for kind, texts in evidence.items():
        for text in texts:
            assert text[:60] not in sent, f"{kind} sent before login: {text[:60]}"


def assert_data(at: AppTest) -> None:
    assert not at.exception
    assert at.tabs, "the views were not drawn"
    assert at.get("plotly_chart")


def log_in(at: AppTest, password: str, name: str | None = None) -> AppTest:
    if name is not None:
        next(t for t in at.text_input if t.label == "Name").input(name)
    next(t for t in at.text_input if t.label == "Password").input(password)
    next(b for b in at.button if b.label == "Log in").click()
    return at.run()


TEAM_SECRETS = {"access": {"password_hash": TEAM_HASH}}
USER_SECRETS = {"access": {"users": {"amira": {"password_hash": AMIRA_HASH, "role": "editor"}}}}


def test_access_app_opens_directly_on_a_local_run_without_configuration(app):
    at = app({}).run()
    assert_data(at)
    assert not [b for b in at.button if b.label in ("Log in", "Log out")]


def test_access_app_roles_reach_the_session(app):
    at = app({}).run()
    assert at.session_state[access.IDENTITY_KEY] == Identity("local", EDITOR, "local")  # the owner of a local run
    at = log_in(app(TEAM_SECRETS).run(), TEAM_PASSWORD)
    assert at.session_state[access.IDENTITY_KEY] == Identity("team", VIEWER, "password")
    assert not at.session_state[access.IDENTITY_KEY].can_edit


def test_access_app_refuses_another_machine_without_configuration(app, monkeypatch, evidence):
    monkeypatch.setattr(access, "is_local_request", lambda ip, headers: False)
    at = app({}).run()
    assert "no access control configured" in at.error[0].value
    assert_no_data(at, evidence)


def test_access_app_serves_another_machine_when_public_on_purpose(app, monkeypatch):
    monkeypatch.setattr(access, "is_local_request", lambda ip, headers: False)
    assert_data(app({"access": {"public": True}}).run())


def test_access_app_shows_only_the_login_form_before_login(app, evidence):
    at = app(TEAM_SECRETS).run()
    assert_no_data(at, evidence)
    assert [t.label for t in at.text_input] == ["Password"]
    assert at.text_input[0].proto.type == at.text_input[0].proto.PASSWORD


def test_access_app_refuses_a_wrong_password(app, evidence):
    at = log_in(app(TEAM_SECRETS).run(), "not the password")
    assert "Wrong name or password" in at.error[0].value
    assert_no_data(at, evidence)
    assert "not the password" not in page_protos(at)  # never echoed


def test_access_app_admits_the_right_password_and_logout_ends_it(app, evidence):
    at = log_in(app(TEAM_SECRETS).run(), TEAM_PASSWORD)
    assert_data(at)
    sent = page_protos(at)
    assert any(text[:60] in sent for texts in evidence.values() for text in texts)  # the check can see data
    assert TEAM_PASSWORD not in page_protos(at)
    next(b for b in at.button if b.label == "Log out").click()
    at.run()
    assert_no_data(at, evidence)
    assert [t.label for t in at.text_input] == ["Password"]


def test_access_app_slows_down_after_a_failure(app, evidence):
    at = log_in(app(TEAM_SECRETS).run(), "not the password")
    at = log_in(at, TEAM_PASSWORD)  # at once: refused without checking, the delay has not passed
    assert "Too many failed attempts" in at.error[0].value
    assert_no_data(at, evidence)


def test_access_app_per_user_login_gives_the_role(app, evidence):
    at = app(USER_SECRETS).run()
    assert [t.label for t in at.text_input] == ["Name", "Password"]
    at = log_in(at, AMIRA_PASSWORD, name="tomas")
    assert_no_data(at, evidence)
    access._shared_throttle.clear()
    at = log_in(at, AMIRA_PASSWORD, name="amira")
    assert_data(at)
    assert at.session_state[access.IDENTITY_KEY] == Identity("amira", EDITOR, "password")


def test_access_app_a_plain_password_in_the_secrets_is_a_clear_error(app, evidence):
    at = app({"access": {"password_hash": "hunter2hunter2"}}).run()
    assert "cannot be used" in at.error[0].value
    assert "hunter2" not in page_protos(at)
    assert_no_data(at, evidence)


def test_access_app_fails_closed_on_an_unexpected_error(app, evidence, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the secrets store is unreachable")

    monkeypatch.setattr(access.Policy, "from_config", broken)
    at = app(TEAM_SECRETS).run()
    assert "error id" in at.error[0].value
    assert "unreachable" not in page_protos(at)
    assert_no_data(at, evidence)


OIDC_SECRETS = {"auth": OIDC, "access": {"allowed": ["@example.org"]}}


def test_access_app_oidc_shows_the_login_button_only(app, evidence):
    at = app(OIDC_SECRETS, user={"is_logged_in": False}).run()
    assert [b.label for b in at.button] == ["Log in with your organisation's account"]
    assert_no_data(at, evidence)


def test_access_app_oidc_admits_a_listed_colleague_and_logout_ends_it(app, evidence):
    at = app(OIDC_SECRETS, user={"is_logged_in": True, "email": "tomas@example.org", "name": "Tomas"}).run()
    assert_data(at)
    next(b for b in at.button if b.label == "Log out").click()
    at.run()
    assert_no_data(at, evidence)


def test_access_app_oidc_refuses_an_unlisted_account(app, evidence):
    at = app(OIDC_SECRETS, user={"is_logged_in": True, "email": "someone@gmail.com"}).run()
    assert "not on this peacetrack's list" in at.error[0].value
    assert_no_data(at, evidence)


def test_access_seed_evidence_is_real(evidence):
    """The texts the gate tests look for do exist in the build (else they would prove nothing)."""
    assert len(evidence["sentences"]) >= 10 and len(evidence["titles"]) >= 3 and evidence["quotes"]
    assert all(isinstance(s, str) and len(s) > 30 for s in evidence["sentences"])


# ------------------------------------------------------------------ the wire, on a real server


@pytest.mark.slow
def test_access_websocket_carries_no_data_before_login(seed_build, evidence, tmp_path):
    """What a client that never logs in receives over /_stcore/stream from `streamlit run`
    with a password configured: the login form, and nothing of the data."""
    import importlib
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    client = importlib.import_module("benchmarks.streamlit_client")
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(f'[access]\npassword_hash = "{TEAM_HASH}"\n', encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = os.environ | {"PEACETRACK_TABLES": str(seed_build[0]), "PEACETRACK_OFFLINE": "1"}
    flags = ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"]
    flags += ["--server.fileWatcherType", "none", "--secrets.files", str(secrets_file)]
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", APP, *flags],
        cwd=Path(APP).parent.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, "streamlit exited"
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "streamlit did not start"
                time.sleep(0.3)
        with client.Session(url) as session:
            runs = [session.run(timeout=60)]
            field = next(w for w in session.widgets.values() if getattr(w, "label", "") == "Password")
            session.states[field.id] = client.WidgetState(id=field.id, string_value="not the password")
            runs.append(session.run(timeout=60))
        received = b"".join(m.SerializeToString() for run in runs for m in run.messages)
        assert all(run.status == client.FINISHED for run in runs)
        assert b"Password" in received  # the form came
        for texts in evidence.values():
            for text in texts:
                assert text[:60].encode() not in received, text[:60]
        kinds = {kind for run in runs for kind, _ in run.elements}
        assert not kinds & {"dataframe", "arrow_data_frame", "plotly_chart", "html", "metric", "download_button"}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
