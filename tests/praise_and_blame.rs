//! Praise and blame told without a plain verb of praising or criticising: pressing a person to
//! resign, congratulations sent, praise of how a person acted, accusations in a speaker's
//! statement. Texts written for these tests.

mod common;

use common::{edges, has, none_of};
use newsgraph::graph::{ArticleGraph, Relation};
use newsgraph::text::Lang;

/// The graph of a Swahili test text.
fn extract(text: &str) -> ArticleGraph {
    common::extract(text, Lang::Sw)
}

#[test]
fn pressing_a_person_to_resign_criticises_them() {
    let g = extract(
        "Mkuu wa polisi ajiuzulu\n\n\
         Mkuu wa polisi Tomas Oduya alijiuzulu baada ya wito uliotolewa na mbunge Neema Kilonzo \
         kumshinikiza Bw. Oduya kujiuzulu. \
         Waziri Juma Baraka hakumshinikiza Bi Amina Said kujiuzulu. \
         Waziri Juma Baraka alimshinikiza Peter Mushi kuendelea na kazi.",
    );
    assert!(
        has(&g, "Neema Kilonzo", Relation::Criticized, "Tomas Oduya"),
        "{:#?}",
        edges(&g)
    );
    // Denied, or pressed to go on working: no blame.
    assert!(!has(&g, "Juma Baraka", Relation::Criticized, "Amina Said"));
    assert!(!has(&g, "Juma Baraka", Relation::Criticized, "Peter Mushi"));
}

#[test]
fn a_name_opening_the_sentence_before_an_unclosed_description_is_the_subject() {
    let g = extract(
        "Polisi asifiwa\n\n\
         Amani Mollel, mwalimu wa chuo kikuu cha Arusha na mwanasheria aliyehudumu katika \
         mahakama kwa miaka kumi amesifu jinsi Bw. Juma Hamisi alivyoshughulikia mgogoro huo. \
         Kwa mujibu wa Neema Kilonzo, mwandishi aliyeishi Arusha kwa miaka mingi amesifu jinsi \
         Bw. Peter Mushi alivyoongoza kikao.",
    );
    assert!(
        has(&g, "Amani Mollel", Relation::Supports, "Juma Hamisi"),
        "{:#?}",
        edges(&g)
    );
    // Not the sentence's first words: the name is in a phrase of its own.
    assert!(!has(&g, "Neema Kilonzo", Relation::Supports, "Peter Mushi"));
}

#[test]
fn in_a_quotation_him_is_the_one_person_it_has_named() {
    let g = extract(
        "Bunge lashukuru\n\n\
         \"Afisa huyo aliwazuia waandamanaji,\" aliandika mbunge Neema Kilonzo. \
         \"Jumanne iliyopita, nilikuwa bungeni wakati afisa Juma Hamisi alipowaelekeza waandamanaji \
         upande mwingine. Uamuzi wake uliokoa maisha, na tunamshukuru sana,\" aliandika Seneta Amani Mollel.",
    );
    assert!(
        has(&g, "Amani Mollel", Relation::Supports, "Juma Hamisi"),
        "{:#?}",
        edges(&g)
    );
    // Two people named in the quotation: "him" is either.
    let g = extract(
        "Bunge lashukuru\n\n\
         \"Jumanne iliyopita, afisa Juma Hamisi na afisa Peter Mushi waliwaelekeza waandamanaji \
         upande mwingine. Tunamshukuru sana,\" aliandika Seneta Amani Mollel.",
    );
    assert!(none_of(&g, &[Relation::Supports]), "{:#?}", edges(&g));
    // The quotation closed before: the person was named in narration, not by the speaker.
    let g = extract(
        "Bunge lashukuru\n\n\
         Afisa Juma Hamisi aliwaelekeza waandamanaji upande mwingine. \
         \"Tunamshukuru sana,\" aliandika Seneta Amani Mollel.",
    );
    assert!(!has(&g, "Amani Mollel", Relation::Supports, "Juma Hamisi"));
}

#[test]
fn a_spouse_word_alone_is_the_spouse_the_article_named() {
    let g = extract(
        "Talaka ya wanasiasa\n\n\
         Siku ya Jumanne Juma Baraka, mbunge wa chama cha waziri mkuu Tomas Oduya, alituma ilani \
         ya talaka kwa mkewe Amina Said. \
         Bi Said alivunjika moyo wakati alimshtumu mumewe kwa kumpuuza.",
    );
    assert!(
        has(&g, "Amina Said", Relation::Criticized, "Juma Baraka"),
        "{:#?}",
        edges(&g)
    );
    // The prime minister, named inside an "of" phrase, is not the husband.
    assert!(!has(&g, "Amina Said", Relation::Criticized, "Tomas Oduya"));
    // No spouse named in the article: no object.
    let g = extract(
        "Talaka ya wanasiasa\n\n\
         Bi Amina Said alivunjika moyo wakati alimshutumu mumewe kwa kumpuuza.",
    );
    assert!(none_of(&g, &[Relation::Criticized]), "{:#?}", edges(&g));
}

#[test]
fn a_speaker_saying_a_party_committed_a_crime_accuses_it() {
    let g = extract(
        "Ripoti ya vita\n\n\
         Kuna ushahidi unaoonesha kwamba vikosi vya Burundi na Rwanda vilitekeleza \"uhalifu wa \
         kivita katika mji wa Kamembe\", Neema Kilonzo wa shirika la haki za binadamu amesema. \
         Wanajeshi wa Kenya walitekeleza mauaji katika kijiji hicho mwaka 1990. \
         \"Vikosi vya Uganda havikutekeleza uhalifu wowote,\" alisema Juma Baraka.",
    );
    assert!(
        has(&g, "Neema Kilonzo", Relation::Criticized, "Burundi"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Neema Kilonzo", Relation::Criticized, "Rwanda"));
    // Narration with no speaker, and a denial, accuse no one.
    assert!(!edges(&g)
        .iter()
        .any(|(_, r, o, _)| *r == Relation::Criticized && (o == "Kenya" || o == "Uganda")));
}

#[test]
fn a_rejected_act_named_before_blames_its_author() {
    let g = extract(
        "Mpango wa amani\n\n\
         Waziri Juma Baraka alisifu mpango wa amani uliotangazwa na Amani Mollel kama \"hatua \
         kubwa\", ingawa ulikataliwa na Uganda. \
         Ombi la kijiji hicho lilikataliwa na Tanzania.",
    );
    assert!(
        has(&g, "Uganda", Relation::Criticized, "Amani Mollel"),
        "{:#?}",
        edges(&g)
    );
    // No act with an author before the verb: nobody to blame.
    assert!(!edges(&g)
        .iter()
        .any(|(s, r, _, _)| *r == Relation::Criticized && s == "Tanzania"));
}

#[test]
fn a_spouse_word_introduces_the_whole_name_after_it() {
    let g = extract(
        "Talaka ya wanasiasa\n\n\
         Juma Baraka alituma ilani ya talaka kwa mkewe Sujata Mondal Khan. \
         Bi Mondal Khan alimshutumu mumewe kwa kumpuuza.",
    );
    // One person, named in full, not "Mondal Khan" without her given name.
    assert!(
        has(
            &g,
            "Sujata Mondal Khan",
            Relation::Criticized,
            "Juma Baraka"
        ),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn allegations_made_by_a_party_accuse_the_one_they_are_about() {
    let g = extract(
        "Madai ya waasi\n\n\
         Rais wa Rwanda Amani Mollel amekana madai yaliyotolewa na Umoja wa Mataifa kwamba taifa \
         lake linawasaidia waasi. \
         Waziri Juma Baraka alikana tuhuma zilizotolewa na Uganda kwamba Kenya inawasaidia waasi.",
    );
    assert!(
        has(&g, "United Nations", Relation::Criticized, "Rwanda"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Uganda", Relation::Criticized, "Kenya"));
    // No agent of the allegation, or nothing said of a party: no accusation.
    let g = extract(
        "Madai ya waasi\n\n\
         Madai ya Uganda kwamba Kenya inawasaidia waasi si ya kweli. \
         Madai yaliyotolewa na Tanzania kuhusu mpaka yalikanushwa.",
    );
    assert!(none_of(&g, &[Relation::Criticized]), "{:#?}", edges(&g));
}

#[test]
fn congratulations_sent_to_no_one_named_go_to_the_headlines_person() {
    let g = extract(
        "Viongozi wa Afrika wampongeza Amani Mollel\n\n\
         Rais wa Kenya Juma Baraka alituma ujumbe wake wa ponngezi kwa Bw. Amani Mollel. \
         Viongozi wengine walituma ujumbe wao wa pongezi siku ya Jumamosi. \
         Rais wa Ghana Kofi Mensah na Rais wa Malawi Peter Banda walikuwa miongoni mwa wale \
         walioandika ujumbe katika mtandao wa Twitter.",
    );
    for sender in ["Juma Baraka", "Kofi Mensah", "Peter Banda"] {
        assert!(
            has(&g, sender, Relation::Supports, "Amani Mollel"),
            "{sender}: {:#?}",
            edges(&g)
        );
    }
    // A headline congratulating no one: the message has no addressee. A misspelling of two
    // letters, or of a trigger's only fixed word, is no trigger.
    let g = extract(
        "Viongozi wa Afrika wakutana mjini Nairobi\n\n\
         Rais wa Kenya Juma Baraka alituma ujumbe wa pongezi siku ya Jumamosi. \
         Rais wa Ghana Kofi Mensah alituma ujumbe wa pngzi kwa Rais Peter Banda. \
         Rais wa Malawi Peter Banda alituma pngezi kwa Rais Kofi Mensah.",
    );
    assert!(none_of(&g, &[Relation::Supports]), "{:#?}", edges(&g));
}

#[test]
fn the_headline_present_merges_its_tense_into_the_subject_marker() {
    let g = extract(
        "Rais Juma Baraka ampongeza Amani Mollel\n\n\
         Amani Mollel alishinda uchaguzi wa Kenya.",
    );
    assert!(
        has(&g, "Juma Baraka", Relation::Supports, "Amani Mollel"),
        "{:#?}",
        edges(&g)
    );
    let g = extract(
        "Rais Juma Baraka hampongezi Amani Mollel\n\n\
         Amani Mollel alishinda uchaguzi wa Kenya.",
    );
    assert!(!has(&g, "Juma Baraka", Relation::Supports, "Amani Mollel"));
}
