"""The README tells a new user the two commands, the base URLs and every well-known credential."""

import pathlib

README = (pathlib.Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_readme_starts_with_the_two_commands():
    assert README.index("make run") < 400 and README.index("make test") < 400


def test_readme_lists_base_urls_and_well_known_credentials(client):
    for url in ("http://127.0.0.1:8000/discko/api/v1", "http://127.0.0.1:8000/skode/v1", "http://127.0.0.1:8000/skarbe"):
        assert url in README
    tenants = client.get("/__admin/tenants").get_json()
    well_known = ["dk_test_webflow_agency", "dk_test_creative_minds", "sk_live_your_api_key", "sk_test_free_plan",
                  "sk_live_other_workspace", "sk_live_abc123xyz", "sk_live_globex_workspace", "skode_demo_client"]
    served = str(tenants)
    for credential in well_known:
        assert credential in README and credential in served
