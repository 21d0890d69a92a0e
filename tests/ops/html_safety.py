"""Find anything in an HTML page that a browser would run."""

from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "style", "frame", "frameset", "applet"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>: event handler")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>: inline style")
            if name in URL_ATTRIBUTES:
                # Browsers drop whitespace and control characters inside a scheme.
                squeezed = "".join(ch for ch in value if ord(ch) > 32).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>: script URL")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>: element that loads or styles content")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            kind = attributes.get("type", "").lower()
            if kind in DATA_SCRIPT_TYPES:
                return
            source = attributes.get("src", "")
            if not source:
                self._in_inline_script = True
                self.problems.append("<script> without src: inline script")
            elif not source.startswith("/") or source.startswith("//"):
                self.problems.append(f"<script src={source!r}>: script from elsewhere")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def executable_content(html):
    """A list of what in `html` could run script or inject style; empty when the page is safe."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.problems
