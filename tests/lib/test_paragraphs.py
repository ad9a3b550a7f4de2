import io

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.lib.paragraphs import (
    Block,
    diff_paragraphs,
    docx_blocks,
    heading_level,
    key_label,
    number_blocks,
    parse_text,
    to_text,
    word_diff,
)


def _docx(build) -> bytes:
    doc = Document()
    build(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_it_numbers_headings_as_sections_and_paragraphs_within_them():
    numbered = number_blocks(
        [
            Block("Mở đầu"),
            Block("PHẦN THỨ NHẤT", level=1),
            Block("Đoạn một"),
            Block("1. Về kinh tế", level=2),
            Block("Đoạn hai"),
            Block("Đoạn ba"),
            Block("PHẦN THỨ HAI", level=1),
            Block("Đoạn bốn"),
        ]
    )
    assert [b.key for b in numbered] == ["0:1", "1", "1:1", "1.1", "1.1:1", "1.1:2", "2", "2:1"]
    assert numbered[5].section == "1.1"


def test_a_heading_that_skips_a_level_is_numbered_one_level_down():
    numbered = number_blocks([Block("A", level=1), Block("B", level=3)])
    assert [b.key for b in numbered] == ["1", "1.1"]


def test_it_reads_word_headings_and_bold_numbered_lines_of_a_docx():
    def build(doc):
        doc.add_heading("BÁO CÁO CHÍNH TRỊ", level=1)
        doc.add_paragraph("Nhiệm kỳ 2015 – 2020, Đảng bộ tỉnh đã lãnh đạo …")
        bold = doc.add_paragraph()
        bold.add_run("I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT").bold = True
        doc.add_paragraph("Kinh tế tăng trưởng khá.")
        doc.add_paragraph("")
        doc.add_heading("1. Về phát triển kinh tế", level=2)
        doc.add_paragraph("Tốc độ tăng trưởng bình quân 6,5%/năm.")
        table = doc.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Chỉ tiêu"
        table.rows[0].cells[1].text = "Kết quả"

    numbered = number_blocks(docx_blocks(_docx(build)))
    assert [(b.key, b.text) for b in numbered] == [
        ("1", "BÁO CÁO CHÍNH TRỊ"),
        ("1:1", "Nhiệm kỳ 2015 – 2020, Đảng bộ tỉnh đã lãnh đạo …"),
        ("2", "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT"),
        ("2:1", "Kinh tế tăng trưởng khá."),
        ("2.1", "1. Về phát triển kinh tế"),
        ("2.1:1", "Tốc độ tăng trưởng bình quân 6,5%/năm."),
        ("2.1:2", "Chỉ tiêu | Kết quả"),
    ]


def test_a_plain_numbered_line_that_is_not_bold_stays_a_paragraph():
    assert heading_level("1. Tăng trưởng", bold=False) is None
    assert heading_level("1. Tăng trưởng", bold=True) == 2
    assert heading_level("x", style="Heading 7") == 3


def test_labels_read_as_section_and_paragraph():
    assert key_label("1.2:3") == "mục 1.2, đoạn 3"
    assert key_label("0:4") == "đoạn 4"
    assert key_label("2") == "mục 2"


def test_edited_text_round_trips_through_the_editing_form():
    text = "Lời mở đầu\n\n# Phần I\nĐoạn một\n## 1. Mục\nĐoạn hai\n"
    numbered = parse_text(text)
    assert [b.key for b in numbered] == ["0:1", "1", "1:1", "1.1", "1.1:1"]
    assert parse_text(to_text(numbered)) == numbered


words = st.text(alphabet="abcdeđêơư ", min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(deadline=None)
@given(st.lists(words, max_size=15))
def test_a_draft_compared_with_itself_has_no_change(texts):
    numbered = number_blocks([Block(t) for t in texts])
    assert all(row.tag == "equal" for row in diff_paragraphs(numbered, numbered))


@settings(deadline=None)
@given(st.lists(words, max_size=12), st.lists(words, max_size=12))
def test_a_diff_shows_every_paragraph_of_both_rounds_once_in_order(a, b):
    old = number_blocks([Block(t) for t in a])
    new = number_blocks([Block(t) for t in b])
    rows = diff_paragraphs(old, new)
    assert [r.old for r in rows if r.old is not None] == old
    assert [r.new for r in rows if r.new is not None] == new


def test_a_reworded_paragraph_is_changed_and_a_new_one_added():
    old = parse_text("# A\nKinh tế tăng trưởng khá.\nXã hội ổn định.\n")
    new = parse_text(
        "# A\nKinh tế tăng trưởng khá nhanh và bền vững.\n"
        "Một đoạn hoàn toàn mới về quốc phòng.\nXã hội ổn định.\n"
    )
    tags = [
        (r.tag, r.old.key if r.old else None, r.new.key if r.new else None)
        for r in diff_paragraphs(old, new)
    ]
    assert tags == [
        ("equal", "1", "1"),
        ("changed", "1:1", "1:1"),
        ("added", None, "1:2"),
        ("equal", "1:2", "1:3"),
    ]


def test_word_diff_marks_deleted_and_inserted_words():
    left, right = word_diff("tăng trưởng khá", "tăng trưởng nhanh")
    assert left == [("same", "tăng trưởng"), ("del", "khá")]
    assert right == [("same", "tăng trưởng"), ("ins", "nhanh")]
