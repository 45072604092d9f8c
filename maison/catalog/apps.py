from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "maison.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self):
        # A picture deleted or replaced lets go of its files (`photo_files`).
        from .photo_files import watch_photographs

        watch_photographs()
