"""Password hashes as the access configuration stores them: make one, check one.

Apart from the policy so that the hashing scheme (scrypt, and Django's pbkdf2 read
for teams that already have such hashes) can be read and tested on its own, and so
that `python -m dashboard.access` needs nothing else to print a hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# scrypt at n=2**14, r=8, p=1 (16 MiB, ~50 ms): RFC 7914's interactive-login setting.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A salted scrypt hash of `password`, as stored in the configuration.

    >>> verify_password("correct horse", hash_password("correct horse"))
    True
    """
    salt = salt if salt is not None else secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether `password` matches `encoded`, compared in constant time.

    Reads this module's scrypt format and Django's `pbkdf2_sha256$iterations$salt$hash`
    (so a team can reuse hashes it already has). A malformed hash matches nothing.
    """
    try:
        scheme, *parts = encoded.split("$")
        if scheme == "scrypt":
            n, r, p, salt, expected = int(parts[0]), int(parts[1]), int(parts[2]), _unb64(parts[3]), _unb64(parts[4])
            key = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected), maxmem=2**27)
        elif scheme == "pbkdf2_sha256":
            iterations, salt_text, expected = int(parts[0]), parts[1], base64.b64decode(parts[2])
            key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt_text.encode(), iterations, len(expected))
        else:
            return False
    except (ValueError, IndexError, TypeError):
        return False
    return hmac.compare_digest(key, expected)


def is_password_hash(encoded: object) -> bool:
    """Whether `encoded` looks like a hash this module can check (not a plain password)."""
    if not isinstance(encoded, str):
        return False
    scheme, *parts = encoded.split("$")
    return (scheme == "scrypt" and len(parts) == 5) or (scheme == "pbkdf2_sha256" and len(parts) == 3)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
