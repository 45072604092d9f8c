"""The test provider's ledger lives on its own connection (the `payment_provider` alias)."""

PROVIDER_ALIAS = "payment_provider"
PROVIDER_MODELS = {"testprovideroperation"}


class ProviderLedgerRouter:
    """Reads and writes of the provider's models go through the provider's connection.

    Migrations are left alone: on one database both aliases see the same tables.
    """

    def _alias(self, model):
        if model._meta.app_label == "payments" and model._meta.model_name in PROVIDER_MODELS:
            return PROVIDER_ALIAS
        return None

    def db_for_read(self, model, **hints):
        return self._alias(model)

    def db_for_write(self, model, **hints):
        return self._alias(model)
