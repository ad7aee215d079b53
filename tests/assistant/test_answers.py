"""Cited extractive answers, refusals and question checks, on the real model and store."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answer_types import person_names
from assistant.extractive import compose
from assistant.learned_check import load_ranker_weights
from assistant.question import Question
from assistant.retrieval import Filters
from assistant.service import Assistant
from index_store.errors import QuestionError
from index_store.settings import FedqaSettings
from tests.conftest import DISPUTES_SEMINAR, OIL_SEMINAR

MARKER = re.compile(r"\[(\d+)\]")


def assert_grounded(answer) -> None:
    """Every [n] has a citation, every citation is used, and every quote is verbatim."""
    used = {int(n) for n in MARKER.findall(answer.text)}
    assert used == {c.n for c in answer.citations}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    body = answer.text
    for citation in answer.citations:
        assert citation.quotes
        for quote in citation.quotes:
            assert " ".join(quote.split()) in " ".join(citation.passage.text.split())
            body = body.replace(f"{quote} [{citation.n}]", "")
    assert body.strip() == "", f"text not quoted from a passage: {body!r}"


def test_answer_about_the_oil_industry_seminar(assistant):
    answer = assistant.ask("What will the oil trade union representatives discuss at the seminar?")
    assert answer.answered
    assert_grounded(answer)
    oil = [c for c in answer.citations if c.passage.doc_id == f"federation/{OIL_SEMINAR}"]
    assert any("modernize trade union activities" in q for c in oil for q in c.quotes)


def test_answer_about_the_labor_disputes_seminar(assistant):
    answer = assistant.ask("How many training seminars were held from January to May?")
    assert answer.answered
    assert_grounded(answer)
    found = [c for c in answer.citations if c.passage.doc_id == f"federation/{DISPUTES_SEMINAR}"]
    assert any("159" in q for c in found for q in c.quotes)


def test_answer_from_sample_guidance(assistant):
    answer = assistant.ask("How many hours of overtime are allowed in a year?")
    assert answer.answered
    assert_grounded(answer)
    assert "one hundred and twenty hours a year" in answer.text
    assert answer.citations[0].passage.doc_type == "law_guidance"


def test_a_misspelt_question_is_answered_as_corrected_and_says_so(assistant):
    asked = "How many hours of overtme are alowed in a year?"
    answer = assistant.ask(asked)
    assert answer.answered
    assert "one hundred and twenty hours a year" in answer.text
    assert answer.question == asked
    assert answer.standalone == "How many hours of overtime are allowed in a year?"
    assert answer.as_json()["standalone"] == answer.standalone
    assert assistant.ask("How many hours of overtime are allowed in a year?").standalone is None


def test_a_head_count_is_given_next_to_the_sentence_that_names_the_seminar(hand_ranked):
    """The embedding ranks "A two-day seminar for technical labor inspectors ...
    took place in Pavlodar" far above "Thirty-seven inspectors ... attended", the answer."""
    answer = hand_ranked.ask("How many technical labor inspectors attended the Pavlodar seminar?")
    assert answer.answered
    assert_grounded(answer)
    assert "Thirty-seven inspectors" in answer.text
    assert "took place in Pavlodar" in answer.text  # the sentence that says which seminar


def test_a_sentence_that_leans_on_the_one_before_is_quoted_with_it(assistant):
    """The sentence "Under her leadership, the seminar participants considered ... the work
    of conciliation commissions" ranked low on its own, for it does not say whose leadership."""
    answer = assistant.ask(
        "Which body's work did the oil seminar participants consider under Lyazzat Eszhanova's "
        "leadership?"
    )
    assert answer.answered
    assert_grounded(answer)
    quote = next(q for c in answer.citations for q in c.quotes if "Under her leadership" in q)
    assert "Eszhanova" in quote.split("Under her leadership")[0]  # with the sentence naming her
    assert "conciliation commission" in answer.text


@pytest.fixture(scope="module")
def federation_settings(tmp_path_factory, shared_corpus):
    from ingest.sync import sync_folder
    from tests.conftest import make_settings

    settings = make_settings(tmp_path_factory.mktemp("federation"))
    sync_folder(shared_corpus, settings)
    return settings


@pytest.fixture(scope="module")
def federation_only(federation_settings):
    """The two federation reports alone, as the `shared` golden set sees them."""
    from assistant.service import Assistant

    return Assistant(federation_settings)


@pytest.fixture(scope="module")
def federation_hand(federation_settings):
    """The same, answered with the hand sentence weights, for tests of their features."""
    from assistant.service import Assistant

    return Assistant(federation_settings.model_copy(update={"sentence_ranker": "hand"}))


def test_a_look_alike_sentence_from_another_document_is_left_out(federation_only):
    """An answer also quoted the start of the other seminar, the three-day one."""
    answer = federation_only.ask("How long did the seminar for oil industry activists last?")
    assert answer.answered and "two-day" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {OIL_SEMINAR}


def test_the_question_word_no_other_sentence_has_picks_the_answer(assistant):
    """Every sentence of the guidance says "conciliation commission"; only the
    answer says "basis", and plain word overlap counted all the question's words alike."""
    answer = assistant.ask("On what basis is a conciliation commission formed?")
    assert answer.answered
    assert_grounded(answer)
    assert "parity basis" in answer.text


def test_the_speaker_named_by_according_to_does_not_pick_the_sentence(federation_only):
    """The sentences that name Eduard Vokhmin ("..., concluded Eduard
    Vokhmin") frame his words; the answer is within them and does not repeat his name."""
    answer = federation_only.ask("What does the union provide, according to Eduard Vokhmin?")
    assert answer.answered
    assert_grounded(answer)
    assert "collective representation" in answer.text


def test_the_phrase_of_the_question_beats_its_words_apart(federation_hand):
    """An answer quoted "Deputy Chairman of the Federation ..., Chairman of the Kazakhstan
    Branch Trade Union ... Sultan Kaliyev" before "the Chairman of the FTURK Satybaldy
    Dauletalin", and cited the oil seminar for it."""
    answer = federation_hand.ask("Who is the Chairman of the FTURK?")
    assert answer.answered and "Satybaldy Dauletalin" in answer.text
    assert "Kaliyev" not in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {DISPUTES_SEMINAR}


def test_a_phrase_does_not_run_across_punctuation():
    """ "a conciliation commission, formed of an equal number" in the collective-disputes guide
    outscored the guidance on the commission itself for "How is a conciliation commission
    formed?": the comma ends the phrase."""
    from assistant.extractive import content_pairs

    pairs = content_pairs("The first stage is a conciliation commission, formed of two sides.")
    assert ("concili", "commiss") in pairs
    assert ("commiss", "form") not in pairs
    assert ("commiss", "form") in content_pairs("The commission is formed on a parity basis.")


@pytest.mark.parametrize("corpus", ["federation_hand", "hand_ranked"])
def test_each_part_of_a_who_question_names_the_person_who_did_it(request, corpus):
    """A two-part question named neither: the moderator "acquainted the participants with the
    program" outranked "Welcoming colleagues ..., Sultan Kaliyev", and the other seminar's
    "Welcoming the participants" took the second place before the answer was narrowed to one
    report. On both corpora ("assistant") the passage with the oil seminar's welcomer also
    ranked below the whole question's top passages, which the other seminars filled, until each
    part retrieved its own."""
    answer = request.getfixturevalue(corpus).ask(
        "Who welcomed the participants at the oil industry seminar and who welcomed them at "
        "the labor disputes seminar?"
    )
    assert answer.answered
    assert_grounded(answer)
    assert "Sultan Kaliyev" in answer.text and "Satybaldy Dauletalin" in answer.text


def test_the_predicate_of_a_who_question():
    from assistant.extractive import _who_predicate

    assert _who_predicate("Who welcomed the participants?") == "welcom"
    assert _who_predicate("Who was the trainer at the seminar?") == "trainer"
    assert _who_predicate("Кто вёл занятия на семинаре?") is not None
    assert _who_predicate("What did the seminar discuss?") is None
    assert _who_predicate("Who were the two trainers at the seminar?") == "trainer"


def test_the_verb_that_ends_a_what_did_question_picks_the_answer(assistant):
    """The sentence "A seminar on conciliation procedures ... was held in Atyrau" restates
    the question's subject and ranked 0.26 above "The seminar focused on ...", the answer."""
    answer = assistant.ask(
        "What did the seminar on conciliation procedures in the oil and gas sector focus on?"
    )
    assert answer.answered
    assert_grounded(answer)
    assert "focused on preventing labor conflicts" in answer.text


def test_what_a_seminar_covered_is_answered_with_its_topics(federation_hand):
    """The guide's own example question had been answered with the seminar's opening sentence
    and its moderator's introduction, which restate "the oil-industry seminar" best."""
    answer = federation_hand.ask("What did the oil-industry seminar cover?")
    assert answer.answered
    assert_grounded(answer)
    assert "modernize trade union activities" in answer.text


def test_the_document_titled_with_the_questions_words_answers(assistant):
    """The Karaganda report says its materials "will be used in seminars in Pavlodar"; the
    Pavlodar seminar is the report whose title names Pavlodar."""
    answer = assistant.ask("What did the Pavlodar seminar cover?")
    assert answer.answered
    assert_grounded(answer)
    assert "occupational risk assessment" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {
        "seminars/2023-10-05-seminar-occupational-safety-inspectors.md"
    }


def test_the_superlative_of_the_question_picks_the_answer(assistant):
    """On both corpora, the Nur-Sultan report's "projects 'Youth Leadership
    Program', ..." shares three of the question's words and ranked above "The best project was
    ...", which has "best", the word the question turns on."""
    answer = assistant.ask("Which project was chosen as the best at the youth leadership school?")
    assert answer.answered
    assert_grounded(answer)
    assert "legal help desk for young teachers" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {
        "seminars/2024-05-22-youth-leadership-school-almaty.md"
    }


def test_a_document_about_another_kind_of_the_asked_thing_does_not_answer(assistant):
    """The guide titled "Collective labor disputes" gives five working days for
    its conciliation commission; the question asks about an individual labor dispute."""
    answer = assistant.ask(
        "Within how many working days must a conciliation commission consider an individual"
        " labor dispute?"
    )
    assert answer.answered
    assert_grounded(answer)
    assert "fifteen working days" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {"guidance/conciliation-commission.md"}


def test_a_paraphrase_just_under_the_old_gate_is_answered(assistant):
    """The best passage scores 0.362, under the gate of 0.38 that the
    golden sets could not tell from 0.35."""
    answer = assistant.ask("Do I get my whole salary while I am on a trial period?")
    assert answer.answered
    assert_grounded(answer)
    assert "full pay" in answer.text


def test_a_passage_only_bm25_ranks_high_is_read(assistant):
    """The model scores the trainers' passage 0.14, under the supporting
    floor, and the fusion ranks it eighth; BM25 ranks it third for "trainers" and "Karaganda"."""
    answer = assistant.ask("Who were the two trainers at the Karaganda seminar?")
    assert answer.answered
    assert_grounded(answer)
    assert "Aigerim Sadykova" in answer.text and "Nurlan Bekov" in answer.text


def test_the_document_that_names_the_person_answers_alone(assistant):
    """On both corpora, the Karaganda bargaining seminar ranks first and
    names nobody; the head of the Karaganda center is named in the labor disputes report, which
    had been left out for scoring 0.14 below, past the 0.11 allowed to another document."""
    answer = assistant.ask("Who runs the Karaganda reconciliation center of the trade unions?")
    assert answer.answered, answer.notice
    assert_grounded(answer)
    assert "Svetlana Shardarbekova" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {f"federation/{DISPUTES_SEMINAR}"}


def test_an_answer_that_one_document_gives_cites_that_document_only(assistant):
    """An answer added a sentence about the probation period from the employment-contract
    memo to the accident figures of the Shymkent seminar."""
    answer = assistant.ask(
        "Сколько несчастных случаев на производстве произошло в регионе за девять месяцев?"
    )
    assert answer.answered and "27" in answer.text
    assert_grounded(answer)
    assert {c.passage.doc_id for c in answer.citations} == {
        "seminars/2024-10-15-seminar-ohrana-truda-shymkent.md"
    }


def test_a_sentence_dated_to_another_year_does_not_answer(hand_ranked):
    """An answer quoted the 2022 address next to the one of September 2, 2024."""
    answer = hand_ranked.ask("What was the title of the presidential address of September 2, 2024?")
    assert answer.answered and "Fair Kazakhstan" in answer.text
    assert "2022" not in answer.text


def test_a_name_asked_for_is_found_in_another_passage_of_the_same_report(assistant):
    """The report's first passage names the seminar; "The trainer, mediator
    Gulnara Seitkali, ..." sits in its second passage, which only the word "trainer" links to
    the question."""
    answer = assistant.ask("Who was the trainer at the Atyrau seminar on conciliation procedures?")
    assert answer.answered and "Gulnara Seitkali" in answer.text
    assert_grounded(answer)


def test_a_name_from_another_passage_needs_more_than_the_reports_subject(assistant):
    """The autumn session in Astana is only planned; the name of whoever
    opened the spring one in Almaty, in another passage of the same report, is no answer."""
    answer = assistant.ask("Who led the youth leadership school session in Astana in the autumn?")
    assert "Omarova" not in answer.text


def test_an_age_question_is_answered_by_the_sentence_with_the_age(assistant):
    """The phrase "up to what age" wants a number, like "how old" (the type itself is
    tested in test_evidence)."""
    answer = assistant.ask("Up to what age could young people join the youth leadership school?")
    assert answer.answered and "under the age of 35" in answer.text


def test_a_russian_sentence_that_leans_on_the_one_before_is_quoted_with_it(assistant):
    """The sentence "Его продолжительность не может превышать трёх месяцев" ("Its length ...")
    needs the sentence before it to say that it is the probation period."""
    answer = assistant.ask("Какой максимальный испытательный срок для обычного работника?")
    assert answer.answered
    assert_grounded(answer)
    assert "трёх месяцев" in answer.text


def test_a_leaning_sentence_becomes_a_candidate_with_the_one_before():
    from assistant.answer import Passage
    from assistant.extractive import _candidates

    text = (
        "Lyazzat Eszhanova opened the seminar on labor disputes. Under her leadership, the "
        "participants considered the work of conciliation commissions. It lasted two days."
    )
    passage = Passage("c1", "d", "d.txt", "T", None, "other", "en", 0, text, 0.9)
    texts = [c.text for c in _candidates([passage])]
    assert texts[1].startswith("Lyazzat Eszhanova opened") and "Under her" in texts[1]
    assert texts[2].startswith("Under her leadership") and texts[2].endswith("two days.")
    assert texts[0] == "Lyazzat Eszhanova opened the seminar on labor disputes."
    # Across a paragraph break the pair would be a quote the chat cannot mark in the passage.
    apart = replace(passage, text=text.replace("disputes. Under", "disputes.\n\nUnder"))
    assert [c.text for c in _candidates([apart])][1].startswith("Under her leadership")


def test_a_sentence_that_opens_on_therefore_is_quoted_with_the_one_before(federation_hand):
    """The answer's word "instrument" sits in the sentence after the
    answer, which opens on "Therefore"; alone, neither outranked another seminar's sentence."""
    answer = federation_hand.ask(
        "According to the head of the federation, what is the key instrument for settling "
        "workplace conflicts?"
    )
    assert answer.answered
    assert_grounded(answer)
    assert "Raising the legal awareness of employees" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {DISPUTES_SEMINAR}


@pytest.mark.parametrize(
    "question",
    [
        "What is the recipe for borscht?",
        "Who won the football world cup in 2018?",
        "How do I reset my router password?",
    ],
)
def test_unrelated_question_is_refused_with_closest_passages(assistant, question):
    answer = assistant.ask(question)
    assert not answer.answered
    assert answer.citations == ()
    assert "do not cover" in answer.text
    assert answer.closest and all(
        p.score < assistant.settings.relevance_threshold for p in answer.closest
    )
    scores = [p.score for p in answer.closest]
    assert scores == sorted(scores, reverse=True)  # nearest first, as the page shows them
    assert not MARKER.search(answer.text)


@pytest.mark.parametrize(
    ("question", "frame"),
    [
        ("Какой рецепт борща?", "Материалы не отвечают на этот вопрос"),
        ("Борщтың рецепті қандай?", "Материалдарда бұл сұраққа жауап жоқ"),
        ("What is the recipe for borscht?", "The materials do not cover this question"),
    ],
)
def test_a_refusal_speaks_the_questions_language(assistant, question, frame):
    answer = assistant.ask(question)
    assert not answer.answered and answer.text.startswith(frame)


@pytest.mark.parametrize(
    ("question", "warning"),
    [
        ("Сколько дней длится ежегодный оплачиваемый отпуск?", "Модель поиска не обучена"),
        ("Жыл сайынғы ақылы еңбек демалысы қанша күн?", "Іздеу моделі бұл сұрақтың тілінде"),
    ],
)
def test_an_answer_the_model_could_not_read_the_question_for_says_so(ingested, question, warning):
    # all-MiniLM-L6-v2 alone reads English only: such an answer rests on word matches alone.
    alone = Assistant(ingested.model_copy(update={"multilingual_backend": "none"}))
    assert alone.multilingual is None
    answer = alone.ask(question)
    assert answer.answered and answer.notice and answer.notice.startswith(warning)
    english = alone.ask("How many days does annual paid leave last?")
    assert english.answered and english.notice is None


@pytest.mark.parametrize(
    "question",
    [
        "Сколько дней длится ежегодный оплачиваемый отпуск?",
        "Жыл сайынғы ақылы еңбек демалысы қанша күн?",
        "Заң клиникасына еңбек демалысы бойынша қанша өтініш түсті?",
    ],
)
def test_a_question_the_main_model_cannot_read_is_the_multilingual_models(assistant, question):
    from assistant.languages import language_of, unread_language

    assert assistant.multilingual is not None
    assert assistant.answering(question) is assistant.multilingual
    assert assistant.answering("How many days does annual paid leave last?") is assistant
    answer = assistant.ask(question)
    # no warning that the answer rests on word matches; a caution on the evidence may come
    assert answer.answered and (answer.notice is None or answer.cautious)
    assert unread_language(language_of(question)) not in (answer.notice or "")
    assert_grounded(answer)
    assert any(c.passage.language_code != "en" for c in answer.citations)


def test_the_multilingual_model_answers_only_from_documents_the_main_model_cannot_read(assistant):
    # A question the English model refused is the multilingual model's only when its answer
    # rests on Kazakh or Russian documents alone: the English ones were read and refused.
    question = "How many requests about leave did the federation's legal clinic receive?"
    elsewhere = assistant.multilingual.ask(question)
    assert elsewhere.answered and {c.passage.language_code for c in elsewhere.citations} == {"en"}
    assert not assistant.ask(question).answered


def test_only_a_refusal_for_what_the_question_names_goes_to_the_multilingual_model(assistant):
    """Failed while every refusal went on: an English question that the English documents
    answer with no number (a near miss) was answered by e5 from a Russian memo on sanctions.
    A place the English documents lack sends the question on (the Taraz report is Russian)."""
    near_miss = "How many lawyers does the federation's legal clinic employ?"
    draft, verdict = assistant._decided(near_miss, None)
    assert verdict is not None and not verdict.covered and not verdict.named_missing
    elsewhere = assistant.multilingual.ask(near_miss)
    assert elsewhere.answered and "ru" in {c.passage.language_code for c in elsewhere.citations}
    assert not assistant.ask(near_miss).answered

    taraz = "How many people took part in the seminar held in Taraz?"
    draft, verdict = assistant._decided(taraz, None)
    assert verdict is not None and verdict.named_missing


def test_a_kazakh_question_that_opens_with_a_city_is_not_answered_from_another_report(
    assistant,
):
    """Failed before: "Who opened the seminar in Oral?" (the corpus names Oral as a place of
    later seminars, and has no report on one) was answered from the Shymkent report."""
    answer = assistant.ask("Оралдағы семинарды кім ашты?")
    assert not answer.answered and answer.refused_by == "name"
    answer = assistant.ask("Шымкенттегі семинарға неше адам қатысты?")
    assert answer.answered and "48" in answer.text


def test_a_kazakh_question_about_an_english_address_is_answered_and_one_about_russia_refused(
    assistant,
):
    """Failed before: "Жолдау" (the Address, capitalized by convention) was read as a name the
    English summary lacks, and the answer refused; "Ресейде" (in Russia), the first word, was
    no name at all, and Kazakhstan's figures answered a question about Russia."""
    answer = assistant.ask(
        "2024 жылғы Жолдау бойынша федерацияның заң клиникасына жалақы берешегі туралы "
        "қанша өтініш түсті?"
    )
    assert answer.answered and "2,000" in answer.text
    answer = assistant.ask("Ресейде ең төменгі жалақы қанша?")
    assert not answer.answered and answer.refused_by == "unknown-name"


@pytest.mark.parametrize(
    "question",
    [
        "How many people attended the occupational safety seminars in Shymkent and in Petropavl?",
        "Сколько человек было на семинарах по охране труда в Шымкенте и в Петропавловске?",
    ],
)
def test_a_question_asked_of_two_seminars_cites_both_reports(assistant, question):
    """Failed before: the answer quoted one report and the gate refused it for the other city."""
    answer = assistant.ask(question)
    assert answer.answered and "48" in answer.text and "33" in answer.text
    cited = {c.passage.doc_id for c in answer.citations}
    assert {"seminars/2024-10-15-seminar-ohrana-truda-shymkent.md"} < cited
    assert "seminars/2025-05-20-seminar-ohrana-truda-petropavlovsk.md" in cited


def test_a_question_naming_what_the_english_model_cannot_find_goes_to_the_multilingual_model(
    assistant,
):
    """Failed before: an English question about a Kazakh report (only it names the place) was
    refused because nothing the English model read came near enough; it cannot read Kazakh."""
    question = "What temperature do summers reach in the Aktobe region?"
    draft, verdict = assistant._decided(question, None)
    assert verdict is None  # nothing near enough for the English model
    answer = assistant.ask(question)
    assert answer.answered and "40" in answer.text
    assert {c.passage.language_code for c in answer.citations} == {"kk"}
    # Nothing near enough to a question that names nothing stays a refusal.
    assert assistant.ask("What temperature do summers reach?").refused_by == "relevance"


def test_an_answer_from_an_english_look_alike_gives_way_to_the_russian_document(
    assistant, ingested
):
    """Failed before: the English model cannot read the Russian memo on disciplinary
    penalties, and answered from the English note on overtime (who may not work overtime).
    The multilingual model's answer rests on the Russian memo, which it places nearer the
    question, and its answer check does not doubt it."""
    question = "What kinds of disciplinary punishment are there for workers?"
    alone = Assistant(ingested.model_copy(update={"disabled_checks": "unread-nearer"}))
    before = alone.ask(question)
    assert before.answered and {c.passage.language_code for c in before.citations} == {"en"}
    answer = assistant.ask(question)
    assert answer.answered and "выговор" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {
        "guidance/pamyatka-distsiplinarnye-vzyskaniya.md"
    }
    # A question the English note answers keeps its English answer.
    answer = assistant.ask("How much is overtime paid?")
    assert answer.answered and {c.passage.language_code for c in answer.citations} == {"en"}


def test_the_look_alike_gives_way_though_the_two_models_cut_it_into_other_chunks(assistant):
    """Failed before: the English answer's passage was looked up by its chunk id in the
    multilingual store, where each model's own token count had cut the English note into
    other chunks, so the comparison never ran and the note on probation answered."""
    question = "How long does a disciplinary penalty remain in effect?"
    draft, verdict = assistant._decided(question, None)
    assert verdict is not None and verdict.covered
    quoted = draft.citations[0].passage
    assert quoted.doc_id == "guidance/employment-contract-and-probation.md"
    assert not assistant.multilingual.store.embeddings([quoted.chunk_id])  # not a chunk there
    answer = assistant.ask(question)
    assert answer.answered and answer.refused_by is None
    assert {c.passage.doc_id for c in answer.citations} == {
        "guidance/pamyatka-distsiplinarnye-vzyskaniya.md"
    }


def test_a_memo_that_restates_the_english_answer_does_not_replace_it(assistant):
    """The Kazakh leave memo says what the English leave note says. Its passage comes nearer
    the question than the note's passage the English model quoted (0.06-0.08 by the
    multilingual model), but not nearer than the note's nearest passage; and where the English
    model's check doubts the note (the asker says "vacation", the note "leave"), the memo's
    quote restates the note's: the English answer stands, in the asker's language."""
    for question in (
        "Can my boss call me back to work during my vacation?",
        "Is my boss allowed to call me back while I am on vacation?",
    ):
        answer = assistant.ask(question)
        assert answer.answered
        assert {c.passage.doc_id for c in answer.citations} == {"guidance/annual-paid-leave.md"}


def test_an_english_answer_its_own_check_doubts_gives_way_to_the_russian_memo(assistant):
    """Failed before: the English model cannot read the Russian memos, and answered from an
    English note on a neighbouring rule (probation), with a caution from its own
    answer check. The multilingual model's passage came no nearer than the note's nearest,
    yet its answer from the memo passed its gate, its check does not doubt it, and its quotes
    do not restate the note's."""
    question = "does my employer have to ask me for a written explanation before punishing me"
    draft, verdict = assistant._decided(question, None)
    assert verdict is not None and verdict.covered and verdict.cautious
    assert {c.passage.doc_id for c in draft.citations} == {
        "guidance/employment-contract-and-probation.md"
    }
    answer = assistant.ask(question)
    assert answer.answered and not answer.cautious and "письменное объяснение" in answer.text
    assert {c.passage.doc_id for c in answer.citations} == {
        "guidance/pamyatka-distsiplinarnye-vzyskaniya.md"
    }


def test_an_answer_the_multilingual_models_gate_refuses_is_refused(assistant, ingested):
    """Failed before the second opinion: the English model quoted its probation sentences for
    a period the documents never name, and its gate let them pass."""
    near_miss = "How long may an enforcement period last?"
    alone = Assistant(ingested.model_copy(update={"disabled_checks": "second-opinion"}))
    assert alone.ask(near_miss).answered
    answer = assistant.ask(near_miss)
    assert not answer.answered and answer.refused_by == "second-opinion"
    assert "enforcement" in answer.notice and "multilingual model's word-pull" in answer.notice
    # An answer both models' gates let pass stands.
    assert assistant.ask("How long may a probation period last?").answered


def test_a_refusal_with_no_passage_left_does_not_promise_any(assistant):
    answer = assistant.ask("What is the minimum wage?", Filters(since="2099-01-01"))
    assert not answer.answered and answer.closest == ()
    assert "listed below" not in answer.text and "no passage comes close" in answer.text


def test_filter_by_document_type(assistant):
    answer = assistant.ask("What did the seminar discuss?", Filters(doc_type="address_summary"))
    for citation in answer.citations:
        assert citation.passage.doc_type == "address_summary"
    answer = assistant.ask("minimum wage", Filters(since="2024-01-01"))
    for citation in answer.citations:
        assert citation.passage.date >= "2024-01-01"


# "a" * 1999 (one letter, within the length limit) was answered with a Kazakh sentence.
@pytest.mark.parametrize("question", ["", "   \n ", None, "x" * 2001, "a" * 1999, "?? " + "z" * 60])
def test_unusable_questions_get_a_polite_error(assistant, question):
    with pytest.raises(QuestionError) as info:
        assistant.ask(question)
    assert str(info.value).startswith("Please") or "characters" in str(info.value)


def test_json_contract(assistant):
    data = assistant.ask("How is a conciliation commission formed?").as_json()
    assert {"question", "answered", "text", "citations"} <= set(data)
    assert isinstance(data["answered"], bool) and data["answered"]
    for citation in data["citations"]:
        assert {"n", "doc_id", "source", "title", "date", "doc_type", "passage", "score"} <= set(
            citation
        )
        assert isinstance(citation["n"], int) and isinstance(citation["score"], float)
        assert set(citation["context"]) <= set(citation["quotes"])
        assert citation["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", citation["date"])


def test_a_passage_is_as_relevant_as_its_best_sentence(assistant):
    """A question was refused at the gate: the leave guide's payment passage scores
    0.348 as a whole, its sentence on when leave pay is paid far more."""
    answer = assistant.ask("How early should I receive my vacation pay?")
    assert answer.answered and "three calendar days before the leave starts" in answer.text
    assert answer.top_score is not None and answer.top_score > 0.45


def test_a_question_about_a_person_the_materials_name_passes_the_gate(assistant):
    """A question was refused at the gate: the passage that names Aizhan Ibraeva with her
    position scores 0.36 against the question."""
    answer = assistant.ask("What position does Aizhan Ibraeva hold?")
    assert answer.answered and "Deputy Chairman" in answer.text
    assert person_names("Who chairs the Republican Tripartite Commission?") == []
    assert not assistant.ask("Who is Aigul Temirbekova?").answered  # a name no passage has


def test_a_name_alone_past_the_gate_with_nothing_near_the_question_is_refused(assistant):
    """The name lets the question past the gate; no passage comes near what is asked of the
    person, so it is refused (it used to end in an IndexError)."""
    answer = assistant.ask("What car does Yerlan Tulegenov drive?")
    assert not answer.answered


def test_an_answer_reads_the_sentence_vectors_ingestion_stored(ingested):
    """Embedding every candidate sentence per question was most of an answer's time; ingestion
    stores them, so a fresh process embeds (almost) none to answer."""
    from assistant.service import Assistant

    fresh = Assistant(ingested)
    answer = fresh.ask("How many days of annual paid leave does an employee get?")
    assert answer.answered
    looked_up = fresh.embed_sentences.misses
    assert looked_up > 20
    # Only sentences joined to the one before them (see _leans_on_previous) are not stored.
    assert fresh.embed_sentences.embedded <= looked_up // 10


def test_a_list_the_chunker_left_in_the_next_chunk_is_quoted_after_its_announcement(tmp_path):
    """The answer is in the items of a list whose announcing sentence ends one chunk; the items
    open the next chunk, and the announcement alone would say nothing."""
    from assistant.service import Assistant
    from index_store.store import Store
    from ingest.sync import sync_folder
    from tests.conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    opening = (
        "A seminar on unpaid wages in agriculture was held in Semey for forty union activists "
        "of grain farms, livestock enterprises and elevators. Labour lawyer Saule Nurova "
        "explained how a farm worker can recover wages that were not paid on time, and how a "
        "claim is filed with the court when the employer does not pay after a written demand."
    )
    (corpus / "semey-seminar.md").write_text(
        f"# Wage arrears seminar\n\n{opening}\n\nThe lawyer listed the papers a worker brings to "
        "court:\n\n- the employment contract or the order on hiring;\n- pay slips or a bank "
        "statement for the unpaid months;\n- time sheets signed by the brigade leader.\n\n"
        "The seminar ended with a practical exercise on drafting claims.\n",
        encoding="utf-8",
    )
    settings = make_settings(tmp_path / "data", chunk_size=96, chunk_overlap=0)
    sync_folder(corpus, settings)
    _ids, texts, _meta = Store(settings).all_chunks()
    assert any(t.rstrip().endswith("court:") for t in texts)  # the chunker cut there

    assistant = Assistant(settings)
    answer = assistant.ask("What papers does a worker bring to court?")
    assert answer.answered
    assert_grounded(answer)
    assert "pay slips or a bank statement" in answer.text

    # Naming an item picks its own sentence in the next chunk too; it is quoted once.
    answer = assistant.ask("papers worker brings to court pay slips bank statement time sheets")
    assert answer.text.count("pay slips or a bank statement") == 1
    assert_grounded(answer)


def _english_passage(doc_id: str, title: str, position: int, text: str, score: float):
    """A retrieved English passage of `doc_id`, its chunk id its position."""
    from assistant.answer import Passage

    return Passage(
        f"{doc_id}-{position}",
        doc_id,
        f"{doc_id}.md",
        title,
        None,
        "other",
        "en",
        position,
        text,
        score,
    )


def _composed(embedder, asked: str, passages: list) -> tuple:
    """`compose` as the assistant runs it: the question parsed, the shipped sentence ranker."""
    weights = load_ranker_weights(FedqaSettings().model_id)
    return compose(
        Question.parse(asked), embedder.embed_query(asked), passages, embedder.embed,
        weights=weights,
    )  # fmt: skip


def test_a_part_without_a_subject_of_its_own_is_answered_from_the_first_parts_document(embedder):
    """ "..., and by what year?" ranked alone takes any document's sentence with a year."""
    import numpy as np

    women = _english_passage(
        "women", "Women's council plan", 0,
        "The Women's Council set a target of 30 percent women among chairpersons of primary "
        "organizations. The council meets twice a year in Astana.", 0.8,
    )  # fmt: skip
    youth = _english_passage(
        "youth", "Youth council report", 0,
        "The youth council will finish its programme by the year 2030. Members under 35 make "
        "up a fifth of the union.", 0.7,
    )  # fmt: skip
    asked = "What target has the Women's Council set, and by what year?"
    question, vector = Question.parse(asked), embedder.embed_query(asked)
    parts = []
    for part in question.parts:
        blended = embedder.embed_query(part) + vector
        parts.append((Question.parse(part), blended / np.linalg.norm(blended)))
    _body, citations = compose(question, vector, [women, youth], embedder.embed, parts)
    assert [c.passage.doc_id for c in citations] == ["women"]


def test_the_fact_next_to_the_sentence_that_restates_the_question_is_quoted_too(embedder):
    """The sentence that names the subject ranks first; the runner-up of its passage, further
    behind than KEEP_WITHIN, holds the amount asked for."""
    case = _english_passage(
        "overtime", "Overtime", 3,
        "In 2024 twelve bus drivers of a Pavlodar transport company worked extra shifts for six "
        "months. With the union's help the bus drivers recovered 1,350,000 tenge. Their case is "
        "now used in the union's courses.", 0.8,
    )  # fmt: skip
    rules = _english_passage(
        "overtime", "Overtime", 1,
        "Overtime is paid at no less than one and a half times the hourly rate. Overtime may not "
        "exceed two hours a day.", 0.5,
    )  # fmt: skip
    asked = "How much overtime pay did the twelve Pavlodar bus drivers recover?"
    body, _citations = _composed(embedder, asked, [case, rules])
    assert "1,350,000 tenge" in body


def test_the_answering_documents_next_best_sentences_are_quoted_as_context(embedder):
    """The guide's opening restates the question and ranks first; the rule that answers sits
    further behind than KEEP_WITHIN, so it comes as context: quoted and cited, not judged."""
    title = "Recall from annual leave"
    passages = [
        _english_passage(
            "recall", title, 0,
            "This note explains when an employer may call an employee back from annual leave. "
            "Recall from annual leave is an exception.", 0.8,
        ),
        _english_passage(
            "recall", title, 1,
            "The employer needs the employee's agreement in writing. Without it the employee "
            "stays on leave.", 0.7,
        ),
        _english_passage(
            "look-alike", "Recall from study leave", 0,
            "A student on study leave may be called back only for an examination.", 0.75,
        ),
    ]  # fmt: skip
    asked = "Can my employer call me back from leave?"
    body, citations = _composed(embedder, asked, passages)
    assert "agreement in writing" in body
    context = [q for c in citations for q in c.context]
    assert any("agreement in writing" in q for q in context)
    assert {c.passage.doc_id for c in citations} == {"recall"}
    assert all(set(c.context) <= set(c.quotes) for c in citations)


def test_the_answering_documents_five_best_sentences_are_quoted(embedder):
    """The sentence that answers is often the third, fourth or fifth of its document (the first
    ones restate the question): the answer quotes five of the answering document's sentences,
    the chosen ones and its next best as context (CONTEXT_SENTENCES)."""
    title = "Recall from annual leave"
    text = (
        "This note explains when an employer may call an employee back from annual leave. "
        "Recall from annual leave is an exception to the rule that leave is rest. "
        "An employer who recalls an employee from leave needs the employee's written consent. "
        "The unused days of leave are granted later or added to the next year's leave. "
        "An employee under 18 may not be recalled from leave at all. "
        "Pregnant employees may not be recalled either."
    )
    passages = [_english_passage("recall", title, 0, text, 0.8)]
    body, citations = _composed(embedder, "Can my employer call me back from leave?", passages)
    quoted = [q for c in citations for q in c.quotes]
    assert len(quoted) == 5, quoted
    assert body.count("[1]") == 5


def test_a_quoted_announcement_brings_the_list_items_after_it_in_its_passage(embedder):
    """ "These workers are barred from it:" answers nothing without its list; the items stand in
    the same chunk, under it, and are quoted after it (a chunk that ends on the announcement
    takes them from the next chunk instead)."""
    night = _english_passage(
        "night-work", "Night work", 1,
        "Night time runs from 22:00 to 06:00. These workers may not be sent to night work at all:"
        "\n\n- workers under 18;\n- pregnant women with a medical certificate.\n\n"
        "Disabled workers may work at night only with their written consent.", 0.8,
    )  # fmt: skip
    asked = "Who may not be sent to night work at all?"
    body, citations = _composed(embedder, asked, [night])
    assert "at all: [1] workers under 18; [1] pregnant women" in body
    quotes = [q for c in citations for q in c.quotes]
    assert quotes.count("workers under 18;") == 1
    assert citations[0].passage.text == night.text  # its items are shown in it already


def test_a_list_item_the_answer_chose_stays_judged_under_an_announcement_quoted_as_context(
    embedder,
):
    """The item that answers is chosen; its announcement comes as context and brings the whole
    list. The chosen item is quoted once, under the announcement, and the gate still reads it:
    quoted as context it would be read by nothing, and a check asking for it would refuse."""
    night = _english_passage(
        "night-work", "Night work", 1,
        "Night time runs from 22:00 to 06:00. The Labour Code lists the workers who may not be "
        "sent to night work:\n\n- workers under 18;\n- pregnant women with a medical "
        "certificate.\n\nDisabled workers may work at night only with their written consent.",
        0.8,
    )  # fmt: skip
    asked = "Can a pregnant woman with a medical certificate be sent to night work?"
    _body, citations = _composed(embedder, asked, [night])
    (citation,) = citations
    item = "pregnant women with a medical certificate."
    assert citation.quotes.count(item) == 1
    # the announcement comes as context (with the passage's other sentences)
    assert any("may not be sent to night work:" in text for text in citation.context)
    assert item not in citation.context


def test_the_answer_opens_with_the_passage_of_its_best_sentence(embedder):
    """A reader takes the first sentence for the answer: when the best sentence is in a passage
    the retriever ranked second, the answer opens with that passage, not with neighbouring rules
    of the first."""
    rules = _english_passage(
        "leave", "Annual leave guide", 1,
        "Annual leave may be divided into parts by agreement, one of them at least two weeks "
        "long. Leave pay is paid no later than three days before the leave starts.", 0.8,
    )  # fmt: skip
    length = _english_passage(
        "leave", "Annual leave guide", 0,
        "Every worker has the right to annual paid leave. Basic annual paid leave lasts "
        "twenty-four calendar days.", 0.7,
    )  # fmt: skip
    asked = "How many days of annual leave do I get?"
    body, citations = _composed(embedder, asked, [rules, length])
    assert "twenty-four" in body.split("[")[0]
    assert citations[0].passage.position == 0
