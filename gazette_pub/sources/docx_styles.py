"""Word styles with inheritance (``w:basedOn``): what a paragraph or run gets from them."""

from __future__ import annotations

from dataclasses import dataclass

from .docx_xml import OFF_VALUES, w

@dataclass
class Styles:
    """Style lookups with inheritance (w:basedOn), cached by style id."""

    by_id: dict[str, object]
    default_size: float | None
    default_bold: bool = False
    default_paragraph: object | None = None

    @classmethod
    def of(cls, document) -> Styles:
        root = document.styles.element
        by_id = {s.get(w("styleId")): s for s in root.findall(w("style"))}
        size = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
        bold = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('b')}")
        default = next((s for s in by_id.values() if s.get(w("type")) == "paragraph"
                        and s.get(w("default")) in ("1", "true")), None)
        return cls(by_id, int(size.get(w("val"))) / 2 if size is not None else None,
                   bold is not None and bold.get(w("val"), "1") not in OFF_VALUES, default)

    def chain(self, style_id: str | None, paragraph: bool = False) -> list:
        """The style and its bases (the default paragraph style when none is named)."""
        out, seen = [], set()
        style = self.by_id.get(style_id) if style_id else (self.default_paragraph
                                                          if paragraph else None)
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            out.append(style)
            based = style.find(w("basedOn"))
            style = self.by_id.get(based.get(w("val"))) if based is not None else None
        return out

    def name(self, style_id: str | None) -> str | None:
        chain = self.chain(style_id, paragraph=True)
        found = chain[0].find(w("name")) if chain else None
        return found.get(w("val")) if found is not None else None

    def paragraph_property(self, style_id: str | None, tag: str):
        """The first ``w:pPr/tag`` element along the paragraph style chain."""
        for style in self.chain(style_id, paragraph=True):
            found = style.find(f"{w('pPr')}/{tag}")
            if found is not None:
                return found
        return None

    def run_property(self, chains: list[list], tag: str):
        for chain in chains:
            for style in chain:
                found = style.find(f"{w('rPr')}/{tag}")
                if found is not None:
                    return found
        return None

