"""The no-answer gate's evidence checks, and answer-type detection."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer import Citation, Passage
from assistant.answer_types import (
    PERSON,
    QUANTITY,
    TIME,
    asks_about_an_event,
    asks_across_documents,
    asks_for_amount,
    asks_for_measure,
    asks_for_share,
    bound_mismatch,
    counted_words,
    counts,
    gives_count,
    gives_figure,
    gives_share,
    mentions,
    names_a_person,
    question_type,
    states,
    stem_mentioned,
)
from assistant.extractive import sentences_of
from assistant.question_shape import (
    event_topic_words,
    named_kinds,
    question_verbs,
    says_who_does_it,
    spoken_about,
)
from tests.assistant.passages import passage


@pytest.mark.parametrize(
    ("question", "mentioned"),
    [
        (
            "How many participants attended the Shymkent seminar on collective bargaining?",
            "Shymkent",
        ),
        ("What is the minimum wage for 2026?", "2026"),
        ("What did the 2021 presidential address say about pensions?", "2021"),
        # "sick" is as near "worked" as "vacation" is to "leave", but
        # leaving it out brings the question 0.13 closer to the annual-leave sentences
        ("How many days of sick leave are paid by the employer?", "sick"),
        # "parliament" is a word of the shared reports, not of the address
        ("What did the President's 2025 address say about a unicameral parliament?", "parliament"),
        # Atyrau had a seminar, on conciliation procedures
        ("What did the seminar on gender equality in Atyrau decide?", "gender"),
        # the online seminar's "More than 420 participants" had answered it: no oil there.
        # Since the composer no longer adds a sentence stating a count, the draft states none,
        # and the count check, which runs first, names what is missing
        ("How many participants attended the oil seminar?", "how many participants attended"),
        # "Work on a day off ... is also paid at no less than one and a half
        # times the usual rate" had answered it
        ("At what rate is night work paid?", "night"),
        # a question's verb is held to a lower bar than its nouns, but not to none
        ("Who translated the seminar materials?", "translated"),
    ],
)
def test_near_miss_naming_something_the_passages_do_not_mention_is_refused(
    hand_ranked, question, mentioned
):
    # With the hand sentence weights: the learned ranker's draft of "Who translated ...?"
    # quotes a sentence that passes (a known loss, docs/evaluation.md).
    answer = hand_ranked.ask(question)
    assert not answer.answered and answer.citations == ()
    assert mentioned in answer.notice


def test_how_long_a_strike_may_last_is_not_answered_by_another_duration(hand_ranked):
    """ "Basic annual paid leave lasts twenty-four calendar days" had answered it. Which check
    refuses depends on the passages retrieved: with the leave guide's, "strike" is missing from
    them; with the collective-disputes guide's, which speaks of strikes, no duration is stated.
    With the hand sentence weights: the learned ranker's draft answers it again (a known loss,
    docs/evaluation.md)."""
    answer = hand_ranked.ask("How long can a strike last?")
    assert not answer.answered and answer.citations == ()
    assert "strike" in answer.notice or "number" in answer.notice


def test_a_question_verb_the_corpus_words_differently_is_answered(assistant):
    """The verb "notify" is 0.34 from "report", its nearest word in the passage
    (and "runs" is 0.36 from "training", 0.33 from "head"). Verbs are
    paraphrased more freely than nouns and the small model rates single verbs far apart; a word
    the corpus never uses that is no verb ("sick") or too far ("translated") still refuses."""
    reply = assistant.ask(
        "How quickly must a company notify the union about a deadly workplace incident?"
    )
    assert reply.answered, reply.notice
    assert "twenty-four hours" in reply.text


def test_question_verbs():
    assert question_verbs("Who runs the center?") == {"runs"}
    assert question_verbs("How quickly must a company notify the union?") == {"notify"}
    assert question_verbs("Can my boss call me back?") == {"call"}
    assert question_verbs("What is the maximum duration of a strike?") == set()


@pytest.mark.parametrize(
    "question",
    [
        "What was the title of the presidential address of September 2, 2024?",
        "Who welcomed the participants of the seminar?",
        "How many days of vacation does every employee get each year?",
    ],
)
def test_gate_uses_the_best_cosine_not_the_first_fused_passage(assistant, question):
    """Regression: the fused ranking's first passage is not always the most similar one. Each
    passage counts with its own cosine or its best sentence's, whichever is higher."""
    vector = assistant.embedder.embed_one(question)
    passages = assistant.retriever.retrieve(question, assistant.settings.top_k, vector=vector)
    best = max(
        max(p.score, float(np.max(assistant.embedder.embed(sentences_of(p)) @ vector)))
        for p in passages
    )
    # Sentence vectors are kept at float16 (index_store.sentence_vectors): cosines move < 0.001.
    assert assistant.ask(question).top_score == pytest.approx(best, abs=1e-3)


def test_numbers_match_whole(assistant):
    from assistant.answer_types import mentions

    assert mentions("2", "on september 2 2024")
    assert not mentions("2", "on september 12 2022")
    assert mentions("3,500", "more than 3500 inspections")
    assert not mentions("35", "more than 3500 inspections")


@pytest.mark.parametrize(
    "question",
    [
        "How many lawyers work in the federation's legal clinic?",  # it counts requests
        "How many participants attended the oil industry seminar?",  # no head count given
        # "opened ... on March 14 for trade union activists" is a date
        "How many trade union members are there in Kazakhstan in total?",
    ],
)
def test_a_number_that_counts_something_else_is_no_answer(hand_ranked, question):
    # The hand weights' drafts reach the count check; the learned ranker's draft of the oil
    # seminar's question is refused earlier, by event-topic.
    answer = hand_ranked.ask(question)
    assert not answer.answered
    assert "do not say how many" in answer.notice


def test_a_who_question_needs_a_name_in_the_answer(assistant):
    """A question was answered with "The next session of the school is planned for the
    autumn in Astana", which names no one."""
    from assistant.checks import AskedTypeCheck

    question = "Who led the youth leadership school session in Astana in the autumn?"
    assert not assistant.ask(question).answered
    # The event-topic check refuses it first (the Almaty school's report): the asked type's
    # check is read on its own.
    evidence = assistant.evidence(assistant.draft(question))
    reason = AskedTypeCheck().refuses(evidence, assistant.gate.lexicon)
    assert reason and "do not name the person" in reason
    assert assistant.ask("Who heads the youth council of the federation?").answered


@pytest.mark.parametrize(
    "question",
    [
        "What is the penalty for taking part in an illegal strike?",
        "What fine does an employer pay for exceeding the overtime limits?",
        # "A three-day seminar ..." is no budget
        "What was the budget of the Friedrich Ebert Foundation for these seminars?",
        # "Within two days ..." and "One nation" are no wage increase
        "What wage increase did the oil trade unions demand from employers?",
        # The sample corpus states no fine. Both were answered with the disciplinary memo,
        # whose "он считается ..." (he is deemed ...) had read as the Kazakh "он" (ten).
        "Какой штраф платит работодатель, если не оплатил сверхурочные?",
        "Үстеме жұмыс үшін ақы төлемеген жұмыс берушіге қандай айыппұл салынады?",
    ],
)
def test_a_question_about_an_amount_needs_a_figure(assistant, question):
    assert asks_for_amount(question)
    answer = assistant.ask(question)
    assert not answer.answered
    assert answer.refused_by == "amount"


def test_a_question_about_a_maximum_needs_a_number(assistant):
    """A question had been answered with the conciliation guide's opening sentence, as
    here. (On this test's larger corpus the question finds "40 hours a week" of working time,
    which the gate cannot tell from a strike's length: a known gap, see the README.)"""
    opening = (
        "This guidance explains how individual labor disputes are settled at an enterprise "
        "under the Labor Code of the Republic of Kazakhstan."
    )
    passage = Passage(
        chunk_id="conciliation-0",
        doc_id="guidance/conciliation-commission.md",
        source="guidance/conciliation-commission.md",
        title="How a conciliation commission is formed and how it works",
        date="2024-02-01",
        doc_type="law_guidance",
        language="en",
        position=0,
        text=f"{opening} Each step of a dispute has a maximum time limit, given below.",
        score=0.53,
    )
    question = "What is the maximum duration of a strike in Kazakhstan?"
    verdict = assistant.gate.check(question, (Citation(1, passage, (opening,)),))
    assert not verdict.covered
    assert "number asked for" in verdict.reason
    answer = assistant.ask("What is the maximum normal working time per week?")
    assert answer.answered and "40 hours a week" in answer.text


def test_what_asks_for_a_measure():
    assert asks_for_measure("What is the longest trial period an employer can set?")
    assert asks_for_measure("Какой максимальный испытательный срок?")
    assert not asks_for_measure("What should unions do about the higher minimum pay?")


def test_what_an_event_was_about():
    assert event_topic_words("What did the seminar on gender equality in Atyrau decide?") == [
        "gender",
        "equality",
    ]
    assert event_topic_words("Who was the trainer at the Atyrau seminar on conciliation?") == [
        "conciliation",
        "Atyrau",
    ]
    assert event_topic_words("Сколько человек было на семинаре по охране труда?") == [
        "охране",
        "труда",
    ]
    assert event_topic_words("Who opened the seminar in Almaty?") == []
    assert event_topic_words("What did the oil-industry seminar cover?") == ["oil", "industry"]
    # A question was refused for "begin", the question's verb, not the seminar's topic
    assert event_topic_words(
        "In which city did the three-day seminar on labor disputes begin?"
    ) == ["labor", "disputes", "three", "day"]


def test_who_does_it_is_said_by_a_quote_with_the_verb():
    quote = (
        "Решения собрания записываются в протокол, который подписывают председатель и секретарь."
    )
    assert says_who_does_it("Кто подписывает протокол?", [quote])
    assert says_who_does_it("Who signs the minutes?", ["The chairman signs the minutes."])
    assert not says_who_does_it("Who signs the minutes?", ["The minutes are kept for a year."])
    # "Who was the trainer?" asks for a name: a quote about "the trainers" does not say it.
    assert not says_who_does_it("Who was the trainer?", ["The trainers ran a game."])
    assert not says_who_does_it("How is the commission formed?", ["It is formed on parity."])


def test_a_who_question_about_a_procedure_is_answered_by_roles(assistant):
    """A question was refused for naming no person: who signs the minutes of a founding
    meeting is said by roles, the chairperson and the secretary of the meeting."""
    answer = assistant.ask("Кто подписывает протокол учредительного собрания?")
    assert answer.answered
    assert "председатель и секретарь собрания" in answer.text


def test_someone_named_without_the_asked_role_does_not_answer(assistant):
    """The trainers' passage scores 0.14 on cosine and is not read; the
    report's deputy chairman, Yerlan Tulegenov, had been given as the answer."""
    answer = assistant.ask("Who were the two trainers at the Karaganda seminar?")
    assert not answer.answered or "Sadykova" in answer.text


def test_what_gives_a_figure():
    assert gives_figure("The fine is 50 monthly calculation indices.")
    assert gives_figure("Wages rose by 20 percent, to 1,200,000 tenge a year.")
    assert not gives_figure("A three-day seminar began on September 1, 2022.")
    assert not gives_figure("Within two days they will discuss one of the main directions.")


def test_what_counts_as_asking_for_an_amount():
    assert asks_for_amount("What was the budget of the foundation for these seminars?")
    assert asks_for_amount("What wage increase did the unions demand?")
    assert not asks_for_amount("What should unions do if employers cut bonuses?")
    assert not asks_for_amount("What did the seminar on fines cover?")
    assert asks_for_amount("Какой размер штрафа за задержку зарплаты?")
    assert asks_for_amount("Сколько стоит обучение на курсах?")
    assert asks_for_amount("Жұмыс беруші қанша айыппұл төлейді?")
    assert asks_for_amount("Оқу бағасы қандай?")
    assert not asks_for_amount("Какая минимальная заработная плата?")
    assert not asks_for_amount("Что обсуждали на семинаре о штрафах?")
    assert not asks_for_amount("Демалыс қанша күн?")


def test_a_number_word_of_one_language_that_is_a_word_of_another_counts_in_its_own_only():
    """Kazakh "он" is ten, Russian "он" is he; Russian "одно" is mostly "one of"."""
    assert not gives_figure("Если за это время работник не получил взыскания, он считается чистым.")
    assert not states(QUANTITY, "Он открыл семинар и поблагодарил участников.")
    assert states(QUANTITY, "Семинарға он жеті адам қатысты.")
    assert gives_figure("Семинарға он адам қатысты.")
    assert not gives_figure("Работодатель может применить одно из следующих взысканий.")


def test_people_are_counted_under_any_name():
    people = counted_words("How many people took part in the seminars?")
    sentence = "In all, 6305 chairmen, inspectors and activists took part in them."
    assert not counts(sentence, people) and gives_count(sentence, people)
    assert not gives_count("The seminars were held online in May.", people)
    lawyers = counted_words("How many lawyers work in the clinic?")
    assert not gives_count("The clinic recorded more than 2,000 requests.", lawyers)


def test_counted_noun_picks_the_sentence_with_the_count(assistant):
    answer = assistant.ask("How many participants took part in the Karaganda seminar?")
    assert answer.answered and "Sixty-four participants" in answer.text


def test_answer_types():
    assert question_type("How many hours of overtime are allowed?") == QUANTITY
    assert question_type("When must leave pay be paid?") == TIME
    assert question_type("Сколько работников нужно?") == QUANTITY
    assert question_type("Up to what age could young people join the school?") == QUANTITY
    assert question_type("How old must a worker be to sign a contract?") == QUANTITY
    assert states(QUANTITY, "Leave lasts twenty-four calendar days.")
    assert not states(QUANTITY, "Leave is granted according to a schedule.")
    assert states(TIME, "It opened on March 14.")
    assert states(TIME, "It is paid three calendar days before the leave starts.")
    assert not states(TIME, "It is paid from average earnings.")
    assert counted_words("How many young activists were selected?") == ["young", "activists"]
    assert counts("Forty young activists under the age of 35 were selected.", ["activists"])
    assert not counts("Activists from many regions and cities met again in 2024.", ["activists"])


def test_dates_are_not_counts():
    assert not states(QUANTITY, "It was held in Pavlodar on October 5 and 6, 2023.")
    assert not states(QUANTITY, "The seminar opened on 5 October.")
    assert not counts("It opened on March 14 for trade union activists.", ["union", "members"])
    assert counts("It opened on March 14 for 52 trade union activists.", ["union", "members"])
    assert not counts("Its member organizations held 115 meetings.", ["union", "members"])
    assert states(QUANTITY, "Thirty-seven inspectors attended.")
    assert states(QUANTITY, "In 2024 the union had 12 branches.")


def test_a_number_fused_to_a_unit_counts_nothing():
    """A question was answered with the "two-day seminar" sentence, not the head count."""
    inspectors = counted_words("How many technical labor inspectors attended the seminar?")
    assert not counts("A two-day seminar for technical labor inspectors took place.", inspectors)
    assert not counts("The 3-year plan for labor inspectors was adopted.", inspectors)
    assert counts("Thirty-seven inspectors from the energy sector attended.", inspectors)
    assert counts("In all, 37 technical labor inspectors attended.", inspectors)


def test_counted_words_skip_small_words():
    assert counted_words("How many technical labor inspectors attended?") == [
        "technical",
        "labor",
        "inspectors",
        "attended",
    ]
    assert counted_words("How many days of sick leave are paid?") == ["days", "sick", "leave"]
    assert counted_words("What is the minimum wage?") == []


def test_the_counted_noun_ends_a_four_word_phrase():
    """Three words after "how many" left out the counted noun of a longer phrase, and the head
    count of the inspectors did not count "public labour safety"."""
    inspectors = counted_words("How many public labour safety inspectors took part?")
    assert "inspectors" in inspectors
    assert gives_count("The course brought together 35 inspectors from four towns.", inspectors)


@pytest.mark.parametrize(
    "question",
    [
        "Compare the oil seminar with the labor disputes seminar.",
        "What did both seminars discuss?",
        "Which addresses mention wages?",
        "What did the seminars say about conciliation commissions?",
        "Чем отличаются эти два семинара?",
    ],
)
def test_a_question_across_documents_is_recognized(question):
    assert asks_across_documents(question)


@pytest.mark.parametrize(
    "question",
    [
        "How many days of vacation does every employee get each year?",
        "How many training seminars were held from January to May?",
        "Who is the Chairman of the FTURK?",
    ],
)
def test_a_question_about_one_fact_is_not_across_documents(question):
    assert not asks_across_documents(question)


@pytest.mark.parametrize(
    "sentence",
    [
        "The trainer, mediator Gulnara Seitkali, explained the difference.",
        "They congratulated Kassym-Jomart Tokayev on the victory.",
        "Открывая семинар, председатель Асель Нурланова напомнила о травматизме.",
    ],
)
def test_a_persons_name_is_recognized(sentence):
    assert names_a_person(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a question took the place for the trainer's name and never looked further
        "Fifty-two participants from the Atyrau, Mangystau and West Kazakhstan regions took part.",
        "The Russian expert also expressed his opinion.",
        "The seminar was held with the Friedrich Ebert Foundation.",
        "The Youth Trade Union Leadership School opened in May.",
        # a question was answered with it for "Who were the two trainers ...?"
        "Its materials will be used in seminars in Pavlodar and Ust-Kamenogorsk later.",
    ],
)
def test_a_place_or_a_body_is_not_a_persons_name(sentence):
    assert not names_a_person(sentence)


def test_who_asks_for_a_name_unless_it_asks_for_a_role():
    assert question_type("Who was the trainer at the Atyrau seminar?") == PERSON
    assert question_type("Who is the Chairman of the FTURK?") == PERSON
    assert question_type("Кто вёл занятия на семинаре?") == PERSON
    # answered by "an equal number of representatives", not a name
    assert question_type("Who sits on the body that settles disagreements?") != PERSON
    assert question_type("Who may apply to the conciliation commission?") != PERSON
    assert question_type("Who is a member of the conciliation commission?") != PERSON
    assert question_type("Who are the members of the conciliation commission?") != PERSON


def test_russian_numerals_count_in_every_case():
    """The phrase "до шести месяцев" (genitive) was not read as a number."""
    assert states(QUANTITY, "Испытательный срок может составлять до шести месяцев.")
    assert states(QUANTITY, "Отпуск продлевается на пятнадцать дней.")
    assert states(QUANTITY, "Взнос составляет полтора процента.")
    assert states(QUANTITY, "Комиссия из семи человек.")
    assert not states(QUANTITY, "Трудовой договор заключается в письменной форме.")
    assert not states(QUANTITY, "Решения собрания записываются в протокол.")


def test_a_russian_question_picks_its_sentence_by_words_more_than_by_the_english_model(assistant):
    """A question was answered from the other memo: the English-only model scored its
    sentence "нужно не менее трёх работников" 0.77 and the answer 0.63."""
    answer = assistant.ask("Сколько длится испытательный срок у руководителя организации?")
    assert answer.answered and "шести месяцев" in answer.text


def test_share_questions_need_a_share():
    assert asks_for_share("What share of primary organizations keep a register?")
    assert asks_for_share("What percentage of workers are members?")
    assert asks_for_share("Какая доля работников состоит в профсоюзе?")
    assert not asks_for_share("How did the share of agreements change?")
    assert not asks_for_share("What do members use to share news?")
    assert gives_share("Only 18 percent keep an electronic register of members.")
    assert gives_share("Young people make up about a quarter of union members.")
    assert gives_share("Доля выросла до 58 %.")
    assert not gives_share("Sixty-four participants took part in the three-day seminar.")


def test_what_a_question_says_was_said_about():
    assert spoken_about("What did the Karaganda seminar say about platform workers?") == [
        "platform",
        "workers",
    ]
    assert spoken_about("What did the economist say about demands that have no numbers?") == [
        "demands"
    ]
    assert spoken_about("What did the address say about the minimum wage?") == ["minimum", "wage"]
    assert spoken_about("How many days of leave do I get?") == []


def test_the_named_branch_region_or_industry():
    assert named_kinds("How many disputes did the mining branch settle in 2024?") == ["mining"]
    assert named_kinds("What is the pay for work on a weekend in the oil industry?") == ["oil"]
    assert named_kinds("Which seminars were held for the oil and gas sector?") == ["oil", "gas"]
    assert named_kinds("How many participants came from the region?") == []
    assert named_kinds("What is the pay rate for night work?") == ["night"]
    assert named_kinds("How long does maternity leave last?") == ["maternity"]
    assert named_kinds("How many hours a week may a pregnant woman work?") == []
    assert named_kinds("How many hours can someone in a dangerous job work?") == []


def test_the_named_kind_of_work_or_leave_in_russian_and_kazakh():
    # Read with the English patterns only, these named no kind: "учебного отпуска" was answered
    # with the days of annual leave, "түнгі жұмыс" with overtime.
    assert named_kinds("Сколько дней учебного отпуска положено?") == ["учебного"]
    assert named_kinds("Сколько часов ночной работы в месяц допускается?") == ["ночной"]
    assert named_kinds("Какой отпуск положен работнику?") == []  # a question word, no kind
    assert named_kinds("Для каких категорий работников?") == []  # a noun, not an adjective
    assert named_kinds("Какой испытательный срок для обычного работника?") == []  # a worker
    assert named_kinds("Түнгі жұмыс қалай төленеді?") == ["түнгі"]
    assert named_kinds("Оқу демалысы неше күнге беріледі?") == ["оқу"]
    assert named_kinds("Бала күтімі бойынша демалыс қанша?") == []  # a postposition


def test_a_stem_meets_another_case_ending_of_the_word():
    flat = "ежегодный оплачиваемый трудовой отпуск"
    assert not mentions("ежегодного", flat)  # its first letters end past the stem
    assert stem_mentioned("ежегодного", flat)
    assert not stem_mentioned("учебного", flat)


@pytest.mark.parametrize(
    "question",
    [
        # had been answered with the Karaganda seminar's opening, which gives no share
        "What share of workers in Kazakhstan are union members?",
        # the Karaganda report never speaks of platform workers
        "What did the Karaganda seminar say about platform workers?",
        # the oil and gas branch's 146 disputes are not the mining branch's
        "How many disputes did the conciliation commissions of the mining branch settle in 2024?",
    ],
)
def test_near_misses_about_something_the_passages_do_not_name(assistant, question):
    assert not assistant.ask(question).answered


def test_a_passive_names_who_does_it_in_a_question_about_a_procedure(assistant):
    """A question was refused for naming no person: the quote says who "elected" them,
    the question asks who "chooses". A question that names something asks for a person."""
    quote = ["Where there is no trade union, they are elected by the general meeting."]
    assert says_who_does_it("Who chooses the members when there is no union?", quote)
    assert not says_who_does_it("Who chairs the Republican tripartite commission?", quote)
    answer = assistant.ask(
        "Who chooses the workers' members of a conciliation commission when there is no union?"
    )
    assert answer.answered and "elected by the general meeting of the workers" in answer.text


def test_the_minimum_wage_is_a_thing_asked_about_not_a_measure():
    """A question was refused for stating no number: "What should the minimum wage be
    linked to ...?" asks what it is linked to, not for a minimum of something."""
    assert not asks_for_measure("What should the minimum wage be linked to?")
    assert not asks_for_measure("Какая минимальная заработная плата?")
    assert asks_for_measure("What is the maximum duration of a strike?")
    assert asks_for_measure("Какой минимальный срок договора?")


def test_contractions_are_no_content_words(assistant):
    """A question was refused because no passage "speaks of don't"."""
    words = assistant.gate.lexicon.content_words("Can he do that if I don't agree? I'm sure we'll")
    assert words == ["agree", "sure"]


def test_the_languages_the_model_reads_come_from_its_card_or_the_settings(assistant, ingested):
    from assistant.service import Assistant

    russian = "Сколько длится испытательный срок?"
    assert assistant.model_reads("How long is the probation period?")
    assert not assistant.model_reads(russian)  # the shipped model's card says English
    configured = Assistant(ingested.model_copy(update={"model_languages": ["en", "ru"]}))
    assert configured.model_reads(russian)


def test_who_is_responsible_asks_for_a_role():
    """A question was refused for naming no person: the Karaganda checklist makes "a named
    person from the union" responsible for each section."""
    assert question_type("Who is responsible for each section of the review?") != PERSON
    assert question_type("Who are in charge of the checklist?") != PERSON
    assert question_type("Who opened the seminar?") == PERSON


def test_a_question_for_the_upper_bound_is_not_answered_by_the_lower_one(assistant):
    """A question was answered with the shortest fixed term ("no less than one year")
    for "What is the longest ...?"."""
    minimum = ["A contract may be concluded for a fixed term of no less than one year."]
    maximum = ["The probation period may not exceed three months."]
    assert bound_mismatch("What is the longest a fixed-term contract can last?", minimum)
    assert not bound_mismatch("What is the shortest fixed term of a contract?", minimum)
    assert bound_mismatch("What is the shortest probation period?", maximum)
    assert not bound_mismatch("What is the longest probation period?", maximum)
    assert not bound_mismatch("How long is a fixed-term contract?", minimum)  # no bound asked
    answer = assistant.ask("What is the longest a fixed-term employment contract can last?")
    assert not answer.answered
    assert assistant.ask("What is the longest trial period an employer can set?").answered


def test_a_verb_before_the_event_noun_is_not_the_events_topic(assistant):
    """A question was refused because "hold" in "did the federation hold seminars" was
    read as a word that tells which seminar is meant."""
    question = "For which industries did the federation hold seminars after the 2022 address?"
    assert event_topic_words(question) == []
    assert event_topic_words("How many participants attended the oil industry seminar?") == [
        "oil",
        "industry",
    ]
    answer = assistant.ask(question)
    assert answer.answered and "oil, mining and energy" in answer.text


def test_the_verb_after_the_subject_of_a_what_did_question_picks_the_sentence(assistant):
    """The verb "argue" (not "seminar", the question's last word) is what the teams did;
    the sentence that says they "argued over" it answers."""
    answer = assistant.ask(
        "What did the teams argue over in the negotiation game at the Karaganda seminar?"
    )
    assert answer.answered and "wage indexation clause" in answer.text


def test_how_much_does_it_cost_needs_a_sum(assistant):
    """A question was answered with "within fifteen working days": the question asks a
    price, and a number of working days is a length of time, not a figure."""
    assert asks_for_amount("How much does it cost to apply to a conciliation commission?")
    assert not gives_figure("The commission must consider it within fifteen working days.")
    assert gives_figure("The fee is 2,000 tenge.")
    question = "How much does it cost to apply to a conciliation commission?"
    assert not assistant.ask(question).answered


def test_the_place_that_names_a_seminar_must_be_in_the_reports_title(assistant):
    """A question was answered from the Karaganda report, which only says that its
    materials will be used in seminars in Pavlodar and Ust-Kamenogorsk."""
    assert not assistant.ask(
        "How many participants took part in the Ust-Kamenogorsk seminar?"
    ).answered
    answer = assistant.ask("How many technical labor inspectors attended the Pavlodar seminar?")
    assert answer.answered and "Thirty-seven" in answer.text


def _seminar_report(date: str, text: str) -> Passage:
    return passage(
        "seminars/mine-safety",
        title="Seminar on labour safety in coal mining",
        date=date,
        doc_type="seminar_report",
        text=f"{text} The next seminar is planned for 2026.",
    )


def test_an_event_of_one_year_is_not_answered_from_the_report_of_another(assistant):
    """A near miss was answered: asked about a 2024 seminar, the gate passed the 2025 report,
    which mentions 2024 elsewhere, with a quote that states no year."""
    quote = "In all, 48 participants came from three open-pit mines and two repair plants."
    text = f"On 12-13 March a two-day seminar was held in the region in 2025. {quote} In 2024 ..."
    question = "How many people took part in the mine safety seminar held in 2024?"

    def verdict(date: str, said: str, asked: str = question):
        citation = Citation(1, _seminar_report(date, text), (said,))
        return assistant.gate.check(asked, (citation,))

    refused = verdict("2025-03-12", quote)
    assert not refused.covered and refused.check == "event-year"
    assert "2025" in refused.reason
    assert verdict("2024-03-12", quote).check != "event-year"  # the report of the asked year
    assert verdict("2025-03-12", "In 2024 the seminar gathered 48 people.").check != "event-year"
    # A quote giving the asked year's figures is not one on the asked year's seminar: it passed.
    assert verdict("2025-03-12", "In 2024 the mines signed 186 agreements.").check == "event-year"
    # ... unless the asked year dates the figures, and the seminar is only their source.
    figures = "How many agreements did the mines sign in 2024, according to the seminar?"
    assert verdict("2025-03-12", "In 2024 the mines signed 186 agreements.", figures).check != (
        "event-year"
    )
    assert verdict("2025-03-12", quote, "How many mines had accidents in 2024?").check != (
        "event-year"
    )  # no event asked about


@pytest.mark.parametrize(
    ("question", "dates"),
    [
        ("How many took part in the seminar held in Ekibastuz in 2024?", True),
        ("How many took part in the 2024 seminar?", True),
        ("How many accidents were there in 2024, according to the Temirtau seminar?", False),
        ("Сколько участников было на семинаре в Костанае в апреле 2024 года?", True),
        ("Сколько случаев было в 2024 году по данным семинара в Темиртау?", False),
        ("2023 жылы Павлодарда өткен ұжымдық шарт семинарына кім қатысты?", True),
        ("Костанайда 2024 жылы откен семинарга канша адам катысты?", True),  # no Kazakh letters
    ],
)
def test_a_year_dates_the_event_or_the_figures(question, dates):
    from assistant.answer_types import dates_the_event
    from assistant.question import Question

    assert dates_the_event(question) is dates
    assert Question.parse(question).dates_the_event is dates


def test_what_asks_about_one_event():
    assert asks_about_an_event("How many took part in the seminar held in Ekibastuz in 2024?")
    assert asks_about_an_event("Сколько человек было на совещании в 2024 году?")
    assert asks_about_an_event("2024 жылы Таразда өткен семинарға қанша адам қатысты?")
    assert not asks_about_an_event("How many days of annual leave did workers get in 2024?")
