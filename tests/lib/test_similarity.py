from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.lib.similarity import group_texts, normalise


def test_normalising_folds_diacritics_punctuation_and_common_words():
    assert normalise("Đề nghị bổ sung: CHUYỂN ĐỔI SỐ!") == "chuyen doi so"
    assert normalise("Đồng ý.") == "dong y"


def test_comments_that_say_the_same_thing_are_grouped_within_a_paragraph():
    items = [
        ("1:1", "Đề nghị bổ sung nội dung về chuyển đổi số trong doanh nghiệp."),
        ("1:1", "Cần bổ sung chuyển đổi số trong các doanh nghiệp"),
        ("1:1", "Nên làm rõ nguyên nhân hạn chế về thu hút đầu tư."),
        ("1:2", "Đề nghị bổ sung nội dung về chuyển đổi số trong doanh nghiệp."),
        ("1:1", "de nghi bo sung noi dung ve chuyen doi so trong doanh nghiep"),
    ]
    groups = [g.members for g in group_texts(items)]
    assert groups == [(0, 1, 4), (2,), (3,)]


def test_different_points_stay_apart():
    items = [
        ("x", "Tăng cường xây dựng Đảng về đạo đức."),
        ("x", "Giảm nghèo bền vững ở vùng đồng bào dân tộc."),
    ]
    assert len(group_texts(items)) == 2


def test_a_large_block_is_split_but_identical_comments_still_meet():
    items = [("g", f"ý kiến số {i} về vấn đề {i % 50} khác hẳn") for i in range(200)]
    items += [("g", "Bổ sung chỉ tiêu tỷ lệ che phủ rừng")] * 5
    groups = group_texts(items, block_limit=20)
    together = [g for g in groups if 200 in g.members]
    assert together[0].members == (200, 201, 202, 203, 204)


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.text(max_size=40)), max_size=40))
def test_every_comment_is_in_exactly_one_group_of_its_own_block(items):
    groups = group_texts(items)
    members = sorted(i for g in groups for i in g.members)
    assert members == list(range(len(items)))
    for g in groups:
        assert len({items[i][0] for i in g.members}) == 1
