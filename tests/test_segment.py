"""Segmentation keeps statutory terms and place names whole and starts fast from a cache."""

from __future__ import annotations

from pipeline.normalize import normalize
from pipeline.segment import Segmenter, cache_dir
from tests.conftest import source_from_text


def test_township_names_are_single_tokens_in_the_seed(seed_result):
    words = seed_result.report.tokens.words
    assert words.count("龙尾乡") == 9
    assert words.count("义和乡") == 1
    assert "不予公开" in Segmenter(["不予公开"]).cut("没有不予公开的信息")


def test_tokens_cover_the_text_in_order(seed_result):
    tokens = seed_result.report.tokens
    text = seed_result.report.text.text
    assert "".join(tokens.words) == text
    for word, start in zip(tokens.words, tokens.starts, strict=True):
        assert text[start : start + len(word)] == word


def test_keep_whole_spans_come_out_as_one_token(auditor):
    text = normalize(source_from_text("我乡与龙尾乡交界"))
    tokens = auditor.segmenter.segment(text, keep_whole=[(3, 6)])
    assert "龙尾乡" in tokens.words


def test_dictionary_is_cached_once_per_word_list_and_read_back(tmp_path, monkeypatch):
    import jieba

    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path))
    first = Segmenter(["龙尾乡测试词"])
    assert "龙尾乡测试词" in first.cut("这是龙尾乡测试词。")
    cached = list(cache_dir().glob("jieba-*.pickle"))
    assert len(cached) == 1

    def no_building(self, *args, **kwargs):
        raise AssertionError("the dictionary was built again instead of read from the cache")

    with monkeypatch.context() as patched:
        patched.setattr(jieba.Tokenizer, "initialize", no_building)
        second = Segmenter(["龙尾乡测试词"])
        assert second.cut("这是龙尾乡测试词。") == first.cut("这是龙尾乡测试词。")
    assert list(cache_dir().glob("jieba-*.pickle")) == cached


def test_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path))
    Segmenter(["龙尾乡测试词"]).cut("预热")
    (cached,) = cache_dir().glob("jieba-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert "龙尾乡测试词" in Segmenter(["龙尾乡测试词"]).cut("这是龙尾乡测试词。")
    assert cached.read_bytes() != b"not a pickle"


def test_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(blocker / "sub"))
    assert Segmenter(["某某词语"]).cut("某某词语") == ["某某词语"]
