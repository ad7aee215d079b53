"""Splitting passages into sentences."""

from index_store.sentences import split_sentences, texts_to_embed


def test_sentences_are_not_cut_after_initials_or_inside_a_quoted_title():
    """An answer quoted "... of the President of the Republic of Kazakhstan K.K." and
    stopped there, before the name and the title of the message asked about."""
    text = (
        "They will discuss the Message of the President K.K. Tokayev dated September 1, 2022 "
        "\u201cA just state. One nation. A prosperous society.\u201d The seminar lasts two days. "
        "S. Dauletalin said: \u201cTraining is our main tool. It helps activists. We will go "
        "on with it in every region of the country and with every branch union.\u201d"
    )
    assert split_sentences(text) == [
        "They will discuss the Message of the President K.K. Tokayev dated September 1, 2022 "
        "\u201cA just state. One nation. A prosperous society.\u201d",
        "The seminar lasts two days.",
        "S. Dauletalin said: \u201cTraining is our main tool.",  # a speech keeps its sentences
        "It helps activists.",
        "We will go on with it in every region of the country and with every branch union.\u201d",
    ]


def test_texts_to_embed_are_the_sentences_and_each_mended_sentences_lead():
    text = "# A title\n\nThe President K.K. Tokayev spoke. Leave lasts 24 days."
    assert split_sentences(text) == ["The President K.K. Tokayev spoke.", "Leave lasts 24 days."]
    assert texts_to_embed(text) == [
        "The President K.K. Tokayev spoke.",
        "The President K.K.",  # the first piece punkt cut, ranked on its own
        "Leave lasts 24 days.",
    ]


def test_the_items_a_chunk_announces_at_its_end_come_from_the_next_chunk():
    from index_store.sentences import announced_items

    text = "The lawyer spoke on claims.\n\nShe listed the papers a worker needs:"
    following = (
        "She listed the papers a worker needs:\n\n- the employment contract;\n- pay slips;\n"
        "- time sheets.\n\nThen the inspector spoke."
    )
    assert announced_items(text, following, 6) == [
        "the employment contract;",
        "pay slips;",
        "time sheets.",
    ]
    assert announced_items(text, following.split("\n\n", 1)[1], 2) == [
        "the employment contract;",
        "pay slips;",
    ]
    # A chunk that ends on prose or on an item announces nothing; nor does a next chunk of prose.
    assert announced_items("The lawyer spoke on claims.", following, 6) == []
    assert announced_items("Papers:\n\n- pay slips;", following, 6) == []
    assert announced_items(text, "Then the inspector spoke.", 6) == []


def test_the_items_an_announcement_inside_a_chunk_opens_follow_it():
    from index_store.sentences import items_announced_within

    text = (
        "# Night work\n\nNight time runs from 22:00 to 06:00. These workers are barred from it:"
        "\n\n- workers under 18;\n- pregnant women with a medical certificate.\n\n"
        "Disabled workers may work at night only with their written consent."
    )
    announcement = "These workers are barred from it:"
    assert items_announced_within(text, announcement, 6) == [
        "workers under 18;",
        "pregnant women with a medical certificate.",
    ]
    assert items_announced_within(text, announcement, 1) == ["workers under 18;"]
    # Prose after the announcement lists nothing; a chunk that ends on it leaves its items to
    # the next chunk (announced_items); a sentence the passage lacks announces nothing here.
    assert items_announced_within("They said:\n\nThe next day was calm.", "They said:", 6) == []
    assert items_announced_within("Night time runs late. Barred:", "Barred:", 6) == []
    assert items_announced_within(text, "Pay rises:", 6) == []
