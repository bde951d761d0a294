"""The fixture `cohort_sandbox` with pyrolific (openapi-python-client's code from Prolific's
document). Its generated functions take the base URL without /api/v1, and most also want the
header as an argument, `authorization="Token ..."`, even from an AuthenticatedClient."""

import pytest
from pyrolific import AuthenticatedClient
from pyrolific.api.participant_groups import create_participant_group, get_participant_group
from pyrolific.api.users import get_user
from pyrolific.api.workspaces import get_workspace, get_workspaces
from pyrolific.models import CreateParticipantGroupBody, ParticipantGroupListResponse


@pytest.fixture
def client(cohort_sandbox):
    with AuthenticatedClient(base_url=cohort_sandbox.url, token=cohort_sandbox.token, prefix="Token",
                             raise_on_unexpected_status=True) as client:
        yield client


@pytest.fixture
def auth(cohort_sandbox):
    return f"Token {cohort_sandbox.token}"


def listed_groups(client, workspace_id):
    # pyrolific's get_participant_groups sends filter={'workspace_id': ...} (a Python dict's
    # repr: the generator cannot write deepObject parameters), which no server understands; so
    # the list goes through its httpx client and is parsed with its model.
    response = client.get_httpx_client().get("/api/v1/participant-groups/", params={"workspace_id": workspace_id})
    assert response.status_code == 200, response.text
    return ParticipantGroupListResponse.from_dict(response.json()).results


def test_users_me(client, auth):
    me = get_user.sync(client=client, authorization=auth)
    assert me.id and "@" in me.email


def test_the_workspace(client, auth, cohort_sandbox):
    workspaces = get_workspaces.sync(client=client, authorization=auth).results
    assert [workspace.id for workspace in workspaces] == [cohort_sandbox.workspace_id]
    assert get_workspace.sync(cohort_sandbox.workspace_id, client=client, authorization=auth).title


def test_create_read_list_and_reset_a_group(client, auth, cohort_sandbox):
    body = CreateParticipantGroupBody(name="pyrolific", workspace_id=cohort_sandbox.workspace_id)
    group = create_participant_group.sync(client=client, body=body)
    assert group.name == "pyrolific" and group.participant_count == 0
    assert get_participant_group.sync(group.id, client=client, authorization=auth).id == group.id
    assert [listed.id for listed in listed_groups(client, cohort_sandbox.workspace_id)] == [group.id]

    cohort_sandbox.reset()
    assert listed_groups(client, cohort_sandbox.workspace_id) == []
