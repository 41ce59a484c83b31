#!/usr/bin/env python3
"""Regenerates pii_common_words.inc from Debian's wamerican word list (SCOWL size 50).

    python3 src/roles/safety/gen_common_words.py /usr/share/dict/american-english > src/roles/safety/pii_common_words.inc

Keeps lower-case ASCII entries without an apostrophe and drops the regular inflections (-s -es -ies -ed -ied
-ing -ly) of another entry; is_common_english_word() strips those suffixes at run time.
"""
import sys

HEADER = """// Common English words (lower case), for telling a capitalised common word ("Why", "Thanks") from a
// proper noun that may be a name. Generated from Debian's wamerican 2020.12.07 (SCOWL size 50,
// /usr/share/dict/american-english): lower-case ASCII entries without possessives, less the regular
// inflections (-s -es -ies -ed -ied -ing -ly) of another entry, which is_common_word() strips at run time.
// SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell these
// word lists, the associated scripts, the output created from the scripts, and its documentation for any
// purpose is hereby granted without fee, provided that the above copyright notice appears in all copies
// and that both that copyright notice and this permission notice appear in supporting documentation.
// Kevin Atkinson makes no representations about the suitability of this array for any purpose. It is
// provided "as is" without express or implied warranty.
// Regenerate: src/roles/safety/gen_common_words.py.
"""
RULES = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ied", "y"), ("ing", ""), ("ing", "e"),
         ("ly", ""))


def main(path):
    words = [w.strip() for w in open(path, encoding="utf-8") if "'" not in w]
    low = {w for w in words if w.isascii() and w.isalpha() and w.islower() and len(w) >= 2}

    def derived(w):
        return any(w.endswith(suf) and len(w) - len(suf) >= 3 and (w[: -len(suf)] + rep) in low for suf, rep in RULES)

    base = sorted(w for w in low if not derived(w))
    out = [HEADER, "static constexpr char kCommonWordsText[] =\n"]
    line = ""
    for w in base:
        if len(line) + len(w) + 1 > 110:
            out.append('    "' + line + '"\n')
            line = ""
        line += w + " "
    out.append('    "' + line + '";\n')
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/american-english")
