from __future__ import annotations

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A development key only; production refuses to start without SECRET_KEY.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
