"""Staff choose the back office's language in its header, without JavaScript."""

import re

from django.urls import reverse

from .desk import SERVICE, page_of, staff, text, unescaped


def language_form(page: str) -> str:
    found = re.search(r'<form class="back-office-language".*?</form>', page, re.S)
    assert found, "the header offers no language choice"
    return found.group(0)


def test_staff_choose_french_and_the_next_admin_page_reads_in_french(two_lines):
    # proves: SITE-6
    order, _shirt, _scarf = two_lines
    service = staff(SERVICE, csrf=True)  # an English browser, and the CSRF check on
    page = page_of(service, order)
    assert "Next steps" in text(page)
    form = language_form(page)
    here = reverse("admin:orders_order_change", args=[order.pk])
    assert 'action="/i18n/setlang/"' in form and f'name="next" value="{here}"' in form
    assert '<option value="fr" lang="fr">Français</option>' in form

    # A plain form post: without the page's token it is refused.
    assert service.post("/i18n/setlang/", {"language": "fr", "next": here}).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    chosen = service.post(
        "/i18n/setlang/", {"language": "fr", "next": here, "csrfmiddlewaretoken": token}
    )
    # Back to the same admin page, which now reads in French.
    assert chosen.status_code == 302 and chosen["Location"] == here
    page = page_of(service, order)
    assert "Prochaines étapes" in unescaped(text(page)) and "Next steps" not in text(page)
    assert '<option value="fr" lang="fr" selected>Français</option>' in language_form(page)
    # And every other page of the back office too.
    listing = service.get(reverse("admin:orders_order_changelist")).content.decode()
    assert '<html lang="fr"' in listing

    # Back to English the same way.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    service.post("/i18n/setlang/", {"language": "en", "next": here, "csrfmiddlewaretoken": token})
    assert "Next steps" in text(page_of(service, order))


def test_the_choice_never_leads_off_the_site(two_lines):
    service = staff(SERVICE)
    chosen = service.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert chosen.status_code == 302 and not chosen["Location"].startswith("https://evil")
