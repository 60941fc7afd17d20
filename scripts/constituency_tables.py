#!/usr/bin/env python3
"""Generates Sources/Cartable/Recipients/Constituencies/ConstituencyTables.swift from Recipients/constituencies/.

Usage (what `make constituencies` runs, from the repository root):
    python3 scripts/constituency_tables.py > Sources/Cartable/Recipients/Constituencies/ConstituencyTables.swift

The four shipped CSV tables (`;`-separated, UTF-8, header on line 1; see Recipients/constituencies/README.md) become
four raw string literals, one per table: the same rows with only the columns the library reads, joined by `;` and
line breaks, ordered by their first column (byte order, stable) so that a lookup is a binary search in the text
itself: nothing is parsed when the program starts, and the binary needs no data file. A fifth literal indexes place
names (folded as `PlaceName.key` folds them in Swift) to communes. String literals compile in a moment where array
literals of 70,000 elements would take minutes. `ConstituencyTablesTests` reads the CSVs again and checks every
generated row against its CSV row, and rebuilds the name index with the Swift folding to check this one.
"""

import csv
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(ROOT, "Recipients", "constituencies")

# (Swift name, CSV file, the columns kept in order, what the table is)
TABLES = [
    ("communes", "communes_circonscriptions.csv", ["code_commune", "nom_commune", "dep", "circo"],
     "Commune (INSEE code and name, geography of 1 January 2021) → constituency; a split commune has one row per seat."),
    ("arrondissements", "arrondissements_plm_circonscriptions.csv", ["code_arrondissement", "nom_arrondissement", "dep", "circo"],
     "Paris, Lyon and Marseille arrondissement → constituency; a split arrondissement has one row per seat."),
    ("postcodes", "codes_postaux_circonscriptions.csv",
     ["code_postal", "code_insee_resolu", "nom_commune_laposte", "localite", "dep", "circo"],
     "La Poste postcode and commune (resolved to the territory the tables above know) → constituency; "
     "`dep` and `circo` are empty for the places without a seat."),
    ("consularPosts", "etranger_consulats_circonscriptions.csv", ["poste_consulaire", "dep", "circo"],
     "Consular post abroad → constituency of the French established outside France (`99`)."),
]


def rows(file_name, columns):
    """The CSV's rows reduced to `columns`, ordered by the first column's UTF-8 bytes (stable)."""
    with open(os.path.join(FOLDER, file_name), encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=";")
        missing = [c for c in columns if c not in reader.fieldnames]
        if missing:
            sys.exit(f"{file_name}: missing columns {missing}")
        found = []
        for number, record in enumerate(reader, start=2):
            fields = [record[c] for c in columns]
            for field in fields:
                check(field, f"{file_name}:{number}")
            found.append(fields)
    return sorted(found, key=lambda fields: fields[0].encode("utf-8"))


def check(field, where):
    # A raw string literal `#"""…"""#` ends at `"""#` and interpolates `\\#(`; a `;` or a line break would shift the
    # fields. None of them belongs in a place name: refuse rather than escape.
    if any(bad in field for bad in ('"', "\\", ";", "\n", "\r")):
        sys.exit(f"{where}: a field holds a quote, a backslash, a ';' or a line break: {field!r}")


def key(name):
    """PlaceName.key in Swift: SearchText.fold (œ, æ, ß spelt out; no accents, no case; anything but letters and
    digits as one space), then `saint`/`sainte` as `st`/`ste`. ConstituencyTablesTests checks that both agree."""
    for written, spelt in (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"), ("ß", "ss")):
        name = name.replace(written, spelt)
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in name).split()
    return " ".join({"saint": "st", "sainte": "ste"}.get(w, w) for w in words)


def name_index(communes, postcodes):
    """`key;c;code` for each commune's INSEE name, then `key;p;code;postcode` for each La Poste commune name or
    locality (`localite`) that no commune bears, with the territory and postcode of its row; sorted field by field.
    (A name a commune bears finds that commune, so La Poste's spelling of it is not needed.)"""
    lines = set()
    for code, name, _, _ in communes:
        lines.add((key(name), "c", code))
    commune_names = {line[0] for line in lines}
    for postcode, territory, laposte, locality, _, _ in postcodes:
        for name in (laposte, locality):
            if name and key(name) not in commune_names:
                lines.add((key(name), "p", territory, postcode))
    return [list(line) for line in sorted(lines, key=lambda line: [f.encode("utf-8") for f in line])]


def literal(out, name, body, doc):
    out.write(doc)
    out.write(f"    static let {name} = #\"\"\"\n")
    for fields in body:
        out.write(";".join(fields) + "\n")
    out.write("\"\"\"#\n")


def main():
    out = sys.stdout
    out.write("// Generated by `make constituencies` (scripts/constituency_tables.py) from the CSV tables in\n")
    out.write("// Recipients/constituencies/ (INSEE, Ministère de l'Intérieur, La Poste, Code électoral, Regards Citoyens /\n")
    out.write("// NosDéputés.fr: see the README and the licences there; the postcode table is a database under the ODbL).\n")
    out.write("// Do not edit: change the CSVs and run `make constituencies`.\n\n")
    out.write("/// The constituency tables, one string per table: rows joined by `\\n`, fields by `;`, ordered by the first field's\n")
    out.write("/// UTF-8 bytes (rows with the same first field in the CSV's order).\n")
    out.write("///\n/// ``SortedRows`` finds rows by their first field with a binary search in the text: nothing is parsed at start.\n")
    out.write("enum ConstituencyTables {\n")
    tables = {}
    for name, file_name, columns, what in TABLES:
        body = rows(file_name, columns)
        tables[name] = body
        literal(out, name, body, f"    /// {what}\n    ///\n    /// {len(body)} rows of `{file_name}`: "
                + ", ".join("`" + c + "`" for c in columns) + ".\n")
        out.write("\n")
    index = name_index(tables["communes"], tables["postcodes"])
    literal(out, "placeNames", index,
            "    /// Place names, folded as `PlaceName.key` folds them, to the places bearing them: `key;c;code` for a commune's\n"
            "    /// INSEE name, `key;p;code;postcode` for a name La Poste gives the territory `code` under `postcode`.\n"
            f"    ///\n    /// {len(index)} rows, derived from the tables above.\n")
    out.write("}\n")


if __name__ == "__main__":
    main()
