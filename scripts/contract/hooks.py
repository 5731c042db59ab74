"""schemathesis hooks for the contract run (scripts/contract.sh).

Signs in as CONTRACT_USERNAME with CONTRACT_PASSWORD against the server under test and signs
in again before the access token expires (15 minutes), so a long run keeps one role throughout.
"""

import os
import time

import requests
import schemathesis

BASE = os.environ["CONTRACT_BASE_URL"]
USERNAME = os.environ["CONTRACT_USERNAME"]
PASSWORD = os.environ["CONTRACT_PASSWORD"]


@schemathesis.auth(refresh_interval=600)
class SignIn:
    def get(self, case, ctx):
        res = requests.post(
            f"{BASE}/api/v1/auth/login",
            json={"username": USERNAME, "password": PASSWORD},
            timeout=10,
        )
        res.raise_for_status()
        return res.json()["access_token"]

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
