import sqlite3
from pathlib import Path

import pytest

from orders.repository import OrderRepository

SCHEMA = Path(__file__).parent / "schema.sql"


@pytest.fixture
def repository():
    connection = sqlite3.connect(":memory:")
    # schema.sql was never committed, so every test using this fixture errors in setup.
    connection.executescript(SCHEMA.read_text(encoding="utf-8"))
    yield OrderRepository(connection)
    connection.close()
