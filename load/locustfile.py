"""A province's busy day against the title-evaluation server (issue 14, goal 4).

Run by scripts/load.sh (`make load`), which starts the server topology, lists the demo accounts
into LOAD_ACCOUNTS (the JSON of `backend demo --json`) and runs locust headless:

- the mix: user classes Clerk, Applicant, Uploader, Public and SignIn;
- the ceiling: user class Ceiling alone, a static JSON answer of the same server
  (the certificate signing key, from memory: every middleware, no database).

Every request is named by its kind, so locust's statistics are per kind. A request counts as
failed when its status is not the one the kind expects; the public verification accepts 429
(its per-address limit, when one simulated citizen verifies often) and names those separately.
"""

import datetime
import json
import os
import random

from locust import FastHttpUser, between, task

with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as f:
    ACCOUNTS = json.load(f)["accounts"]

CLERKS = [a for a in ACCOUNTS if a["kind"] == "handler"]
# What the cluster generated (LOAD_CLUSTER: its ready line): this year's drafts with their
# applicants' sign-in names; each Applicant takes one of them for the whole run.
GENERATED = {}
if os.environ.get("LOAD_CLUSTER"):
    with open(os.environ["LOAD_CLUSTER"], encoding="utf-8") as f:
        GENERATED = json.load(f).get("generated") or {}
DRAFTS = list(GENERATED.get("drafts") or [])
UNITS = [a for a in ACCOUNTS if a["kind"] == "unit" and a["unit_kind"] == "employer"]
YEAR = datetime.date.today().year
# LOAD_THINK scales every think time: 1 is a person's pace, 0 sends the next request at once
# (the saturated run that measures capacity).
THINK = float(os.environ.get("LOAD_THINK", "1"))
PDF = b"%PDF-1.7\n" + bytes(i % 251 for i in range(200_000))


class Client(FastHttpUser):
    """Each simulated user has its own address, named in X-Forwarded-For as an edge proxy
    would (the servers trust 127.0.0.1, where the load comes from): the per-address sign-in
    and verification limits then apply per user, as they would to a province's citizens."""

    abstract = True

    def on_start(self):
        self.address = "10.{}.{}.{}".format(*(random.randint(1, 254) for _ in range(3)))
        self.headers = {"X-Forwarded-For": self.address}


def sign_in(user, account, name="sign in"):
    with user.client.post(
        "/api/v1/auth/login",
        json={"username": account["username"], "password": account["password"]},
        headers={"X-Forwarded-For": user.address},
        name=name,
        catch_response=True,
    ) as res:
        if res.status_code != 200:
            res.failure(f"{res.status_code} {res.text[:200]}")
            return None
        res.success()
        return res.json()


class Clerk(Client):
    """A handler at an employer, a department or an HRSS: home, queue, lists, one application."""

    weight = 10
    wait_time = between(0.2 * THINK, 1.0 * THINK)

    def on_start(self):
        super().on_start()
        session = sign_in(self, random.choice(CLERKS), name="sign in (clerk start)")
        if session:
            self.headers["Authorization"] = f"Bearer {session['access_token']}"
        self.seen = []

    def list(self, query, name):
        with self.client.get(
            f"/api/v1/applications?{query}", headers=self.headers, name=name, catch_response=True
        ) as res:
            if res.status_code != 200:
                res.failure(str(res.status_code))
                return
            items = res.json().get("items", [])
            self.seen = [i["id"] for i in items][:20] or self.seen

    @task(4)
    def home_todos(self):
        self.client.get("/api/v1/todos", headers=self.headers, name="home to-dos")

    @task(4)
    def queue(self):
        self.list("todo=true&page_size=20", "queue list")

    @task(2)
    def year_list(self):
        self.list(f"year={YEAR}&page_size=20", "year list")

    @task(1)
    def whole_list(self):
        self.list("page_size=20", "whole list")

    @task(1)
    def name_search(self):
        self.list("q=%E5%BC%A0&page_size=20", "name search")

    @task(3)
    def open_application(self):
        if self.seen:
            app = random.choice(self.seen)
            self.client.get(f"/api/v1/applications/{app}", headers=self.headers, name="open application")

    @task(1)
    def timeline(self):
        if self.seen:
            app = random.choice(self.seen)
            self.client.get(
                f"/api/v1/applications/{app}/timeline", headers=self.headers, name="application timeline"
            )


class Applicant(Client):
    """An applicant submitting the declaration and withdrawing it to correct it, over and over:
    the workflow's versioned transition (conditional on the version read, audited, one winner),
    each on an application of its own. In the saturated run this is the action throughput."""

    weight = 2
    wait_time = between(1.0 * THINK, 3.0 * THINK)

    def on_start(self):
        super().on_start()
        self.application = None
        if not DRAFTS:
            return
        draft = DRAFTS.pop(0)
        account = {"username": draft["username"], "password": GENERATED["password"]}
        session = sign_in(self, account, name="sign in (applicant start)")
        if not session:
            return
        self.headers["Authorization"] = f"Bearer {session['access_token']}"
        self.application = draft["application_id"]
        self.read()

    def read(self):
        """The application's stage and version as they are now (after the paced run, or a
        refused action)."""
        with self.client.get(
            f"/api/v1/applications/{self.application}",
            headers=self.headers,
            name="open own application",
            catch_response=True,
        ) as res:
            if res.status_code != 200:
                res.failure(f"{res.status_code} {res.text[:200]}")
                self.application = None
                return
            body = res.json()
            self.stage, self.version = body["stage"], body["version"]

    @task
    def act(self):
        if self.application is None:
            return
        action = "submit" if self.stage == "draft" else "withdraw"
        with self.client.post(
            f"/api/v1/applications/{self.application}/actions",
            json={"action": action, "version": self.version},
            headers=self.headers,
            name=f"action: {action}",
            catch_response=True,
        ) as res:
            if res.status_code != 200:
                res.failure(f"{res.status_code} {res.text[:200]}")
                self.read()
                return
            body = res.json()
            self.stage, self.version = body["stage"], body["version"]


class Uploader(Client):
    """An employer's unit account uploading recommendation proofs and reading them back."""

    weight = 2
    wait_time = between(0.5 * THINK, 2.0 * THINK)

    def on_start(self):
        super().on_start()
        session = sign_in(self, random.choice(UNITS), name="sign in (unit start)")
        if session:
            self.headers["Authorization"] = f"Bearer {session['access_token']}"
        self.files = []

    @task(1)
    def upload(self):
        with self.client.post(
            "/api/v1/unit-attachments?file_name=proof.pdf&description=load",
            data=PDF,
            headers={**self.headers, "Content-Type": "application/octet-stream"},
            name="upload 200 KB",
            catch_response=True,
        ) as res:
            if res.status_code != 201:
                res.failure(f"{res.status_code} {res.text[:200]}")
                return
            self.files.append(res.json()["id"])

    @task(2)
    def download(self):
        if self.files:
            with self.client.get(
                f"/api/v1/attachments/{random.choice(self.files)}/content",
                headers=self.headers,
                name="download 200 KB",
                catch_response=True,
            ) as res:
                if res.status_code != 200 or len(res.content) != len(PDF):
                    res.failure(f"{res.status_code}, {len(res.content or b'')} bytes")


class Public(Client):
    """Citizens: the publicity list and certificate verification."""

    weight = 3
    wait_time = between(0.5 * THINK, 2.0 * THINK)

    @task(2)
    def publicity(self):
        self.client.get("/api/v1/public/publicity", headers=self.headers, name="public publicity")

    @task(1)
    def verify(self):
        with self.client.post(
            "/api/v1/public/certificates/verify",
            json={"number": "DEMO-2019-0001", "name": "张晓明"},
            headers=self.headers,
            name="certificate verification",
            catch_response=True,
        ) as res:
            if res.status_code == 429:
                res.success()
                res.request_meta["name"] = "certificate verification (limited, 429)"
            elif res.status_code != 200:
                res.failure(str(res.status_code))


class SignIn(Client):
    """Clerks signing in and out through the day (a password hash each)."""

    weight = 1
    wait_time = between(1.0 * THINK, 3.0 * THINK)

    @task
    def sign_in_and_out(self):
        # Each sign-in is another clerk at another office: a new address, as the per-address
        # limit (50 in 5 minutes) would otherwise refuse one user's hundreds of sign-ins.
        self.address = "10.{}.{}.{}".format(*(random.randint(1, 254) for _ in range(3)))
        self.headers = {"X-Forwarded-For": self.address}
        account = random.choice(CLERKS)
        session = sign_in(self, account)
        if session:
            self.client.post(
                "/api/v1/auth/logout",
                json={"refresh_token": session["refresh_token"]},
                headers={**self.headers, "Authorization": f"Bearer {session['access_token']}"},
                name="sign out",
            )


class Ceiling(Client):
    """The framework's ceiling: a static JSON answer, no think time."""

    weight = 1

    @task
    def static_json(self):
        self.client.get(
            "/api/v1/public/certificates/signing-key", headers=self.headers, name="static JSON (ceiling)"
        )
