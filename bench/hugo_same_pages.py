#!/usr/bin/env python3
"""Makes the Hugo site that ../shared/bench/gen_corpus.py writes build the page
families coverguide builds from the same services, so that the two are timed
on the same work.

gen_corpus.py's Hugo site has one page per service, one per jurisdiction and
the home page. From the same services coverguide also writes, and this script
makes Hugo write, with Hugo's own means (taxonomies, output formats, a layout):

  - a page per billing code listing every service that bills it, in every
    jurisdiction (taxonomy `code`: /code/<code>/), and one per code per
    jurisdiction (taxonomy `statecode`: /statecode/<st>-<code>/), each with the
    billing lines of that code, and the lists of codes (/code/, /statecode/);
  - a printable guide per jurisdiction holding every service in full
    (/<st>/guide/);
  - downloads per jurisdiction and for all: JSON of every service with its
    billing lines (index.json) and CSV of every billing line (services.csv);
  - search data per jurisdiction and for all (search.json): each service's
    title, text and codes.

Left out, being small beside these: coverguide's comparison pages, sources
pages, A-Z indexes, crosswalk and guidance pages, and the sitemap.

Usage:  hugo_same_pages.py HUGO_SITE_DIR   (rewrites the site in place)
Python 3 standard library only; deterministic.
"""

import os
import re
import sys

CONFIG_EXTRA = '''
[taxonomies]
code = "code_terms"
statecode = "state_code_terms"

[mediaTypes."text/csv"]
suffixes = ["csv"]

[outputFormats.CSV]
mediaType = "text/csv"
baseName = "services"
isPlainText = true

[outputFormats.Search]
mediaType = "application/json"
baseName = "search"
isPlainText = true

[outputs]
home = ["HTML", "JSON", "CSV", "Search"]
section = ["HTML", "JSON", "CSV", "Search"]
'''

# The rows of a service's billing lines, shared by the service page and the guide.
SERVICE_BODY = '''<h2>Billing codes</h2>
<table>
<thead><tr><th>Code</th><th>Modifiers</th><th>Description</th><th>Unit</th><th>Rate</th></tr></thead>
<tbody>
{{ range .Params.codes }}<tr><td><a href="/code_terms/{{ .code | urlize }}/">{{ .code }}</a></td><td>{{ delimit .modifiers ", " }}</td><td>{{ .description }}</td><td>{{ .unit }}</td><td>${{ .rate }}</td></tr>
{{ end }}</tbody>
</table>
<h2>Eligibility</h2>
<dl>
<dt>Ages</dt><dd>{{ .Params.age_min }}{{ with .Params.age_max }}&ndash;{{ . }}{{ else }}+{{ end }}</dd>
<dt>Provider types</dt><dd><ul>{{ range .Params.provider_types }}<li>{{ . }}</li>{{ end }}</ul></dd>
<dt>Settings</dt><dd><ul>{{ range .Params.settings }}<li>{{ . }}</li>{{ end }}</ul></dd>
</dl>
<h2>Sources</h2>
<ol>
{{ range .Params.citations }}<li><a href="{{ .url }}">{{ .title }}</a> (retrieved {{ .retrieved }})</li>
{{ end }}</ol>
'''

LAYOUTS = {
    "partials/service_body.html": SERVICE_BODY,
    "_default/guide.html": '''{{ define "title" }}{{ .Title }} | {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="crumbs"><a href="/">All jurisdictions</a> &rsaquo; <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav>
<h1>{{ .Title }}</h1>
{{ range .Parent.RegularPages.ByTitle }}<section id="{{ .File.ContentBaseName }}">
<h2>{{ .Title }}</h2>
{{ .Content }}
{{ partial "service_body.html" . }}
</section>
{{ end }}
{{ end }}
''',
    "_default/term.html": '''{{ define "title" }}{{ .Title }} | {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="crumbs"><a href="/">All jurisdictions</a> &rsaquo; <a href="{{ .Parent.RelPermalink }}">Codes</a></nav>
<h1>{{ .Title }}</h1>
{{ $code := .Title }}{{ if eq .Data.Plural "state_code_terms" }}{{ $code = substr .Title 3 }}{{ end }}
<table>
<thead><tr><th>Jurisdiction</th><th>Service</th><th>Modifiers</th><th>Description</th><th>Unit</th><th>Rate</th></tr></thead>
<tbody>
{{ range .Pages.ByTitle }}{{ $page := . }}{{ range where .Params.codes "code" $code }}<tr><td>{{ $page.Params.jurisdiction_name }}</td><td><a href="{{ $page.RelPermalink }}">{{ $page.Title }}</a></td><td>{{ delimit .modifiers ", " }}</td><td>{{ .description }}</td><td>{{ .unit }}</td><td>${{ .rate }}</td></tr>
{{ end }}{{ end }}</tbody>
</table>
{{ end }}
''',
    "_default/taxonomy.html": '''{{ define "title" }}{{ .Title }} | {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="crumbs"><a href="/">All jurisdictions</a></nav>
<h1>{{ .Title }}</h1>
<ul class="codes">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
''',
    "_default/list.json": '''{{ $pages := cond .IsHome site.RegularPages .RegularPages }}{"services":[{{ range $i, $p := $pages }}{{ if $i }},{{ end }}{{ dict "jurisdiction" .Params.jurisdiction "title" .Title "category" .Params.category "age_min" .Params.age_min "age_max" .Params.age_max "description" .Plain "provider_types" .Params.provider_types "settings" .Params.settings "codes" .Params.codes "citations" .Params.citations | jsonify }}{{ end }}]}''',
    "_default/list.csv": '''jurisdiction,service,code,modifiers,description,unit,rate
{{ $pages := cond .IsHome site.RegularPages .RegularPages }}{{ range $pages }}{{ $page := . }}{{ range .Params.codes }}{{ $page.Params.jurisdiction }},"{{ replace $page.Title "\\"" "\\"\\"" }}",{{ .code }},{{ delimit .modifiers " " }},"{{ replace .description "\\"" "\\"\\"" }}",{{ .unit }},{{ .rate }}
{{ end }}{{ end }}''',
    "_default/list.search.json": '''{{ $pages := cond .IsHome site.RegularPages .RegularPages }}[{{ range $i, $p := $pages }}{{ if $i }},{{ end }}{{ $codes := slice }}{{ range .Params.codes }}{{ $codes = $codes | append .code }}{{ end }}{{ dict "url" .RelPermalink "title" .Title "jurisdiction" .Params.jurisdiction "text" .Plain "codes" $codes | jsonify }}{{ end }}]''',
}

CODE_LINE = re.compile(r'^  - code: "([^"]+)"$', re.M)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    site = argv[1]
    config = os.path.join(site, "hugo.toml")
    with open(config, encoding="utf-8") as f:
        text = f.read()
    if "[taxonomies]" in text:
        sys.exit(f"{site}: already adapted")
    # gen_corpus.py turns taxonomies off; they make the code pages.
    if '"taxonomy", "term", ' not in text:
        sys.exit(f"{config}: no disableKinds entry for taxonomies, as gen_corpus.py writes it")
    text = text.replace('"taxonomy", "term", ', "")
    with open(config, "w", encoding="utf-8") as f:
        f.write(text + CONFIG_EXTRA)
    layouts = os.path.join(site, "layouts")
    for name, body in LAYOUTS.items():
        path = os.path.join(layouts, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(body)
    # The service page's body moves into the partial the guide shares.
    single = os.path.join(layouts, "_default", "single.html")
    with open(single, encoding="utf-8") as f:
        text = f.read()
    start = text.index("<h2>Billing codes</h2>")
    end = text.index("</article>")
    with open(single, "w", encoding="utf-8") as f:
        f.write(text[:start] + '{{ partial "service_body.html" . }}\n' + text[end:])

    content = os.path.join(site, "content")
    for j in sorted(os.listdir(content)):
        folder = os.path.join(content, j)
        if not os.path.isdir(folder):
            continue
        with open(os.path.join(folder, "_index.md"), encoding="utf-8") as f:
            name = re.search(r'^title: "(.*)"$', f.read(), re.M).group(1)
        for file in sorted(os.listdir(folder)):
            if file == "_index.md" or not file.endswith(".md"):
                continue
            path = os.path.join(folder, file)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            end = text.index("\n---\n", 4)
            codes = sorted(set(CODE_LINE.findall(text[:end])))
            terms = "code_terms: [%s]\nstate_code_terms: [%s]" % (
                ", ".join(f'"{c}"' for c in codes),
                ", ".join(f'"{j}-{c}"' for c in codes),
            )
            with open(path, "w", encoding="utf-8") as f:
                f.write(text[:end] + "\n" + terms + text[end:])
        with open(os.path.join(folder, "guide.md"), "w", encoding="utf-8") as f:
            f.write(f'---\ntitle: "{name}: printable guide"\nlayout: guide\n_build:\n  list: never\n---\n')


if __name__ == "__main__":
    main(sys.argv)
