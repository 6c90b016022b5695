#!/usr/bin/env python3
"""Carry translations across context moves.

lupdate keys messages by context and source text; when code moves a string to another
context (a class renamed, a helper replaced) the translation would be lost. Given the .ts
file from before lupdate ran and the one after, fill every unfinished message whose source
text had exactly one finished translation before, and say how many are still missing.
"""
import sys
import xml.etree.ElementTree as ET


def finished(message):
    t = message.find("translation")
    if t is None or t.get("type") in ("unfinished", "obsolete", "vanished"):
        return None
    if message.get("numerus") == "yes":
        forms = [f.text or "" for f in t.findall("numerusform")]
        return forms if all(forms) else None
    return t.text if t.text else None


def main(old_path, new_path):
    known = {}
    for m in ET.parse(old_path).getroot().iter("message"):
        text = finished(m)
        if text is not None:
            known.setdefault(m.findtext("source"), set()).add(
                tuple(text) if isinstance(text, list) else text)
    tree = ET.parse(new_path)
    filled = missing = 0
    for m in tree.getroot().iter("message"):
        t = m.find("translation")
        if t is None or t.get("type") != "unfinished":
            continue
        candidates = known.get(m.findtext("source"), set())
        if len(candidates) != 1:
            missing += 1
            continue
        value = next(iter(candidates))
        if isinstance(value, tuple):
            for form, text in zip(t.findall("numerusform"), value):
                form.text = text
        else:
            t.text = value
        del t.attrib["type"]
        filled += 1
    with open(new_path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    print(f"{new_path}: carried over {filled}, still untranslated {missing}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: carry_over.py OLD.ts NEW.ts")
    main(sys.argv[1], sys.argv[2])
