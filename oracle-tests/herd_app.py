"""A bovine-herd server for the federation oracle: bovine's own fediverse server, which signs what it sends and
takes only signed fetches of its actors. Its database is the SQLite file named by BOVINE_DB_URL."""

import os

from bovine_herd import BovineHerd
from quart import Quart

app = Quart(__name__)
BovineHerd(app, db_url=os.environ["BOVINE_DB_URL"])
