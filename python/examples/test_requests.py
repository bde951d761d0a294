"""The fixture `cohort_sandbox` with plain requests: what a suite checks of a local Prolific.
Nothing to import or configure: installing the cohort-sandbox wheel provides the fixture."""

import requests


def api(sandbox, method, path, token=None, **kwargs):
    headers = {"Authorization": f"Token {token or sandbox.token}"}
    return requests.request(method, f"{sandbox.url}/api/v1{path}", headers=headers, timeout=10, **kwargs)


def groups(sandbox):
    response = api(sandbox, "GET", "/participant-groups/", params={"workspace_id": sandbox.workspace_id})
    assert response.status_code == 200, response.text
    return response.json()["results"]


def test_the_token_is_the_researchers(cohort_sandbox):
    me = api(cohort_sandbox, "GET", "/users/me/")
    assert me.status_code == 200, me.text
    assert me.json()["id"]
    workspaces = api(cohort_sandbox, "GET", "/workspaces/").json()["results"]
    assert cohort_sandbox.workspace_id in [workspace["id"] for workspace in workspaces]


def test_other_tokens_are_refused(cohort_sandbox):
    assert api(cohort_sandbox, "GET", "/users/me/", token="not-a-token").status_code == 401
    # The admin token is for /_cohort/ only, not a researcher's token.
    assert api(cohort_sandbox, "GET", "/users/me/", token=cohort_sandbox.admin_token).status_code == 401


def test_a_created_group_is_listed(cohort_sandbox):
    created = api(cohort_sandbox, "POST", "/participant-groups/",
                  json={"workspace_id": cohort_sandbox.workspace_id, "name": "pilot"})
    assert created.status_code == 201, created.text
    group = created.json()
    assert (group["name"], group["workspace_id"]) == ("pilot", cohort_sandbox.workspace_id)
    assert [listed["id"] for listed in groups(cohort_sandbox)] == [group["id"]]


def test_reset_empties_the_workspace_and_keeps_the_researcher(cohort_sandbox):
    for name in ("a", "b"):
        api(cohort_sandbox, "POST", "/participant-groups/",
            json={"workspace_id": cohort_sandbox.workspace_id, "name": name}).raise_for_status()
    assert len(groups(cohort_sandbox)) == 2
    me = api(cohort_sandbox, "GET", "/users/me/").json()

    cohort_sandbox.reset()

    assert groups(cohort_sandbox) == []
    assert api(cohort_sandbox, "GET", "/users/me/").json()["id"] == me["id"]
    workspaces = api(cohort_sandbox, "GET", "/workspaces/").json()["results"]
    assert [workspace["id"] for workspace in workspaces] == [cohort_sandbox.workspace_id]


# pytest runs these two in this order: the second sees nothing of the first.
def test_isolation_first_leaves_a_group_behind(cohort_sandbox):
    api(cohort_sandbox, "POST", "/participant-groups/",
        json={"workspace_id": cohort_sandbox.workspace_id, "name": "left behind"}).raise_for_status()


def test_isolation_second_starts_from_the_start_up_state(cohort_sandbox):
    assert groups(cohort_sandbox) == []
