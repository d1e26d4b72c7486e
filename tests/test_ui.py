"""Text from a file or a URL is shown as text, never as Markdown or HTML."""

from ivb.ui.text import plain


def test_plain_escapes_markup_from_untrusted_text():
    shown = plain("<script>alert(1)</script> ![pixel](http://evil.example/x.png) **vet** a_b")
    assert "<script>" not in shown and "\\<script\\>" in shown
    assert "!\\[pixel\\]" in shown and "\\*\\*vet\\*\\*" in shown and "a\\_b" in shown
