"""Every table of the store, registered on one ``Base.metadata`` (for migrations and checks)."""

from . import case_models, ledger_models, models, run_models, smtp_store, user_models

Base = models.Base
MODEL_MODULES = (models, ledger_models, user_models, run_models, smtp_store, case_models)
