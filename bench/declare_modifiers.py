#!/usr/bin/env python3
"""Makes a catalog from gen_catalog.py pass the modifier check.

gen_catalog.py copies its billing modifiers from the baseline corpus, which
uses modifiers beyond coverguide's shipped standard list (and U1-UD, which
have no national meaning). coverguide requires a state to declare such a
modifier in state.yaml `modifiers:` with its meaning and a source, so this
appends one declaration per modifier a state uses, marked illustrative and
citing the state's first source.

  declare_modifiers.py CATALOG
"""

import pathlib
import re
import sys

STANDARD = set("HA HE HN HO HP HQ HR HS HT TJ GT FQ 95 93".split())


def main():
    root = pathlib.Path(sys.argv[1])
    for state_dir in sorted((root / "states").iterdir()):
        used = set()
        for svc in sorted((state_dir / "services").glob("*.yaml")):
            for m in re.findall(r"modifiers: \[([^\]]*)\]", svc.read_text()):
                used.update(x.strip().strip('"') for x in m.split(",") if x.strip())
        extra = sorted(used - STANDARD)
        state_yaml = state_dir / "state.yaml"
        text = state_yaml.read_text()
        if not extra or "\nmodifiers:" in text:
            continue
        first_source = re.search(r'^  - id: "([^"]+)"', text, re.M).group(1)
        lines = ["modifiers:"]
        for code in extra:
            lines.append(f'  - code: "{code}"')
            lines.append('    meaning: "Synthetic benchmark modifier (illustrative, not any state\'s policy)."')
            lines.append(f'    cites: [{{source: "{first_source}", locator: "Modifiers"}}]')
        state_yaml.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
