"""What pyproject.toml cannot say: the top-level fixtures/ folder ships inside the package as
``app._fixtures`` (``app.core.seeding.fixture`` reads it there in an installed wheel).

pyproject.toml takes either a package list or a search, not both; the search finds app*,
and the mapped fixture packages are added here. Package data stays in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

FIXTURES = ["app._fixtures", *(f"app._fixtures.{name}" for name in find_namespace_packages("fixtures"))]

setup(
    packages=[*find_packages(include=["app*"]), *FIXTURES],
    package_dir={"app._fixtures": "fixtures"},
)
