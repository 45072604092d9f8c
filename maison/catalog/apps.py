from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "maison.catalog"
    label = "catalog"

    def ready(self):
        # A picture deleted or replaced lets go of its files (`photo_files`).
        from .photo_files import watch_photographs

        watch_photographs()
