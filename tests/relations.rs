//! Relations a careful reader draws, on texts written for these tests: offices named by role
//! phrases, references back, relative clauses, negation.

mod common;

use common::{edges, extract, has, none_of};
use newsgraph::graph::{ArticleGraph, Relation};
use newsgraph::text::Lang;
use petgraph::visit::EdgeRef;

const SW: &str = "Ushirikiano wa kijeshi waimarika\n\n\
Katibu Mkuu wa NATO Mark Rutte aliwasili Tokyo Jumanne. \
Waziri Mkuu Shigeru Ishiba alikutana na mkuu wa NATO katika ofisi yake. \
Ilikuwa ziara ya kwanza ya kiongozi huyo tangu Waziri Mkuu wa Japan aingie madarakani. \
Baadaye Rutte aliketi na Waziri wa Ulinzi wa Japan Gen Nakatani.\n\
Makubaliano ya AUKUS yalisainiwa mwaka 2021. Muungano huo unahusisha nchi wanachama: Australia, Uingereza na Marekani. \
Ushirikiano huo umelalamikiwa na kambi ya 'Quad' - ambayo Beijing imekashifu mara kwa mara.\n\
Rais wa Kenya William Ruto hakukutana na Rais wa Uganda Yoweri Museveni wiki hii.\n";

#[test]
fn role_phrases_resolve_to_the_person_holding_the_office() {
    let g = extract(SW, Lang::Sw);
    assert!(
        has(&g, "Mark Rutte", Relation::HoldsPositionIn, "NATO"),
        "{:#?}",
        edges(&g)
    );
    // "mkuu wa NATO" is Rutte, the only person the article puts at the head of NATO.
    assert!(
        has(&g, "Shigeru Ishiba", Relation::MetWith, "Mark Rutte"),
        "{:#?}",
        edges(&g)
    );
    // "Waziri Mkuu wa Japan" is the article's Waziri Mkuu: his office is in Japan.
    assert!(
        has(&g, "Shigeru Ishiba", Relation::HoldsPositionIn, "Japan"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Mark Rutte", Relation::MetWith, "Gen Nakatani"));
    assert!(has(&g, "Gen Nakatani", Relation::HoldsPositionIn, "Japan"));
}

#[test]
fn references_back_and_relative_clauses_find_their_entity() {
    let g = extract(SW, Lang::Sw);
    // "Muungano huo … nchi wanachama: …" lists AUKUS's members.
    for s in ["Australia", "United Kingdom", "United States"] {
        assert!(
            has(&g, s, Relation::MemberOf, "AUKUS"),
            "{s}: {:#?}",
            edges(&g)
        );
    }
    // "'Quad' - ambayo Beijing imekashifu": China criticised the Quad.
    assert!(
        has(&g, "China", Relation::Criticized, "Quad"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn negated_verbs_make_no_edge() {
    let g = extract(SW, Lang::Sw);
    assert!(!has(
        &g,
        "William Ruto",
        Relation::MetWith,
        "Yoweri Museveni"
    ));
    let en = extract(
        "President William Ruto of Kenya did not meet President Yoweri Museveni of Uganda.",
        Lang::En,
    );
    assert!(!has(
        &en,
        "William Ruto",
        Relation::MetWith,
        "Yoweri Museveni"
    ));
    assert!(has(&en, "William Ruto", Relation::HoldsPositionIn, "Kenya"));
}

#[test]
fn english_relations_follow_the_same_rules() {
    let g = extract(
        "NATO Secretary General Mark Rutte met Japanese Defence Minister Gen Nakatani in Tokyo. \
         China criticised the Quad, which Washington backs. \
         The AUKUS pact between Australia, the United Kingdom and the United States was signed in 2021.",
        Lang::En,
    );
    assert!(
        has(&g, "Mark Rutte", Relation::MetWith, "Gen Nakatani"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Gen Nakatani", Relation::HoldsPositionIn, "Japan"));
    assert!(has(&g, "China", Relation::Criticized, "Quad"));
    assert!(
        has(&g, "United States", Relation::Supports, "Quad"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "United Kingdom", Relation::MemberOf, "AUKUS"));
}

#[test]
fn english_passives_joining_memberships_after_the_members_member_lists_and_agreements_without_with()
{
    let g = extract(
        "Kenyan President William Ruto was hosted by Ugandan President Yoweri Museveni in Kampala. \
         Ruto was praised by Museveni for his commitment to trade. \
         Sudan was sanctioned by the United States last month. \
         Kenya and Uganda signed an agreement on a new pipeline. \
         Kenya, Uganda and Tanzania are members of the East African Community. \
         Ethiopia and Eritrea ended their war. Both countries are members of the African Union. \
         Tanzania was not criticised by Rwanda. \
         Somalia joined the EAC in 2023, and Kenya joined Uganda in condemning the attack. \
         Kenya's former President Uhuru Kenyatta praised the leaders. \
         Ethiopia signed a peace deal with Eritrea. \
         ECOWAS members include Nigeria, Ghana and Senegal, and EU members are divided over Russia and China.",
        Lang::En,
    );
    let e = edges(&g);
    for (s, r, o) in [
        ("Yoweri Museveni", Relation::Hosted, "William Ruto"),
        ("Yoweri Museveni", Relation::Supports, "William Ruto"),
        ("United States", Relation::Sanctioned, "Sudan"),
        ("Kenya", Relation::SignedAgreementWith, "Uganda"),
        ("Tanzania", Relation::MemberOf, "East African Community"),
        ("Eritrea", Relation::MemberOf, "African Union"),
        ("Somalia", Relation::MemberOf, "East African Community"),
        ("Uhuru Kenyatta", Relation::HoldsPositionIn, "Kenya"),
        ("Ethiopia", Relation::SignedAgreementWith, "Eritrea"),
        ("Ghana", Relation::MemberOf, "ECOWAS"),
        ("Senegal", Relation::MemberOf, "ECOWAS"),
    ] {
        assert!(has(&g, s, r, o), "{s} {r:?} {o}: {e:#?}");
    }
    // The passive turns the sentence round, and the active word inside it is not read alone.
    assert!(
        !has(&g, "William Ruto", Relation::Hosted, "Yoweri Museveni"),
        "{e:#?}"
    );
    assert!(
        !has(&g, "Sudan", Relation::Sanctioned, "United States"),
        "{e:#?}"
    );
    // Joining a state is no membership; "members are" needs the list right after it.
    assert!(!has(&g, "Kenya", Relation::MemberOf, "Uganda"), "{e:#?}");
    assert!(
        !has(&g, "Russia", Relation::MemberOf, "European Union"),
        "{e:#?}"
    );
    // Negation still cancels the passive form.
    assert!(
        !has(&g, "Rwanda", Relation::Criticized, "Tanzania"),
        "{e:#?}"
    );
}

#[test]
fn passive_verbs_government_phrases_and_infinitives_with_objects() {
    let g = extract(
        "Rais wa Nigeria Bola Tinubu anaungwa mkono na serikali ya Ghana. \
         Rais wa Kenya William Ruto aliikashifu serikali ya Sudan. \
         Waziri Mkuu wa Ethiopia Abiy Ahmed alianza kumsifu Rais wa Misri Abdel Fattah al-Sisi.",
        Lang::Sw,
    );
    // Passive: Ghana is the supporter.
    assert!(
        has(&g, "Ghana", Relation::Supports, "Bola Tinubu"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Bola Tinubu", Relation::Supports, "Ghana"));
    // "serikali ya Sudan" is Sudan.
    assert!(
        has(&g, "William Ruto", Relation::Criticized, "Sudan"),
        "{:#?}",
        edges(&g)
    );
    // Infinitive with an object marker: ku-m-sifu.
    assert!(
        has(&g, "Abiy Ahmed", Relation::Supports, "Abdel Fattah al-Sisi"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn clause_subjects_and_subject_markers_find_the_actor() {
    let g = extract(
        "Rais wa Ghana John Mahama alihutubia bunge mjini Accra. \
         Alimpongeza Rais wa Togo Faure Gnassingbé kwa juhudi zake za amani. \
         Rais wa Kenya William Ruto, ambaye alirejea kutoka safari ndefu, alimshukuru Bw. Mahama kwa ukarimu wake. \
         Waziri Mkuu wa Ethiopia Abiy Ahmed alifungua mkutano huo na kumsifu Bw. Ruto hadharani.",
        Lang::Sw,
    );
    // "Alimpongeza": the subject marker a- points back to the one person subject before.
    assert!(
        has(&g, "John Mahama", Relation::Supports, "Faure Gnassingbé"),
        "{:#?}",
        edges(&g)
    );
    // The subject before a parenthesis between commas; thanks are support.
    assert!(has(&g, "William Ruto", Relation::Supports, "John Mahama"));
    // An infinitive joined to the clause takes the clause's subject.
    assert!(has(&g, "Abiy Ahmed", Relation::Supports, "William Ruto"));

    // Two people were subjects in the sentence before: the subject marker is ambiguous,
    // nothing is guessed.
    let g = extract(
        "Rais wa Ghana John Mahama alizungumza na waandishi, na Rais wa Togo Faure Gnassingbé alisikiliza. \
         Ikulu ilisema kwamba mkutano ulikuwa mzuri. \
         Alimpongeza Rais wa Benin Patrice Talon kwa ushindi.",
        Lang::Sw,
    );
    assert!(
        !edges(&g)
            .iter()
            .any(|(_, r, o, _)| *r == Relation::Supports && o == "Patrice Talon"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn plural_references_lists_before_a_cue_and_relational_nouns() {
    let g = extract(
        "Rwanda imefunga mipaka yake na Burundi na Uganda wiki hii. \
         Rwanda inazishutumu nchi hizo kwa kuwasaidia waasi. \
         Tanzania na Malawi, wanachama wa SADC, zilikubaliana kuhusu mpaka. \
         Mjumbe wa Marekani alimwalika mshirika wa Ethiopia, Eritrea, kwenye mazungumzo. \
         Kuna ushirikiano wa karibu kati ya Kenya na Japan. \
         Mpaka uliwekwa na mkataba wa mwaka 1890 baina ya Wajerumani na Waingereza. \
         Hakuna ushirikiano kati ya Sudan na Chad.",
        Lang::Sw,
    );
    // "nchi hizo": the states named just before, the subject itself left out.
    assert!(
        has(&g, "Rwanda", Relation::Criticized, "Burundi"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Rwanda", Relation::Criticized, "Uganda"));
    assert!(!has(&g, "Rwanda", Relation::Criticized, "Rwanda"));
    for s in ["Tanzania", "Malawi"] {
        assert!(has(
            &g,
            s,
            Relation::MemberOf,
            "Southern African Development Community"
        ));
    }
    assert!(has(&g, "Eritrea", Relation::CooperatesWith, "Ethiopia"));
    assert!(has(&g, "Kenya", Relation::CooperatesWith, "Japan"));
    // Demonyms name the parties of a treaty.
    assert!(
        has(
            &g,
            "Germany",
            Relation::SignedAgreementWith,
            "United Kingdom"
        ),
        "{:#?}",
        edges(&g)
    );
    // "Hakuna ushirikiano": denied, no edge.
    assert!(!has(&g, "Sudan", Relation::CooperatesWith, "Chad"));
}

#[test]
fn successions_deputies_former_offices_and_plans() {
    let g = extract(
        "Rais wa Marekani Joe Biden alitoa msaada mpya. \
         Fedha hizo zilikatwa na serikali ya mtangulizi wake, Donald Trump. \
         Waziri Mkuu wa Japan Shinzo Abe alijiuzulu mwaka 2020 na kurithiwa na Yoshihide Suga. \
         Baadaye Bw. Suga alibadilishwa na waziri mkuu wa sasa Fumio Kishida. \
         Aliyekuwa Rais wa Ufaransa Nicolas Sarkozy alihudhuria. \
         Rais Biden hatahudhuria, lakini makamu wake Kamala Harris atahudhuria. \
         Rais wa Ufaransa Emmanuel Macron alitarajiwa kuzuru Japan mwezi ujao.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Joe Biden", Relation::Succeeded, "Donald Trump"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Yoshihide Suga", Relation::Succeeded, "Shinzo Abe"));
    assert!(has(
        &g,
        "Fumio Kishida",
        Relation::Succeeded,
        "Yoshihide Suga"
    ));
    assert!(!has(
        &g,
        "Shinzo Abe",
        Relation::Succeeded,
        "Yoshihide Suga"
    ));
    // "makamu wake": the deputy of the person last named, in that person's state.
    assert!(has(
        &g,
        "Kamala Harris",
        Relation::HoldsPositionIn,
        "United States"
    ));
    // A former office is a position edge marked former.
    let sarkozy = g
        .graph
        .edge_references()
        .find(|e| g.graph[e.source()].label == "Nicolas Sarkozy")
        .map(|e| e.weight().former);
    assert_eq!(sarkozy, Some(true), "{:#?}", edges(&g));
    let macron_office = g
        .graph
        .edge_references()
        .find(|e| g.graph[e.source()].label == "Emmanuel Macron")
        .map(|e| e.weight().former);
    assert_eq!(macron_office, Some(false));
    // "alitarajiwa kuzuru": expected, not told as done.
    assert!(!has(&g, "Emmanuel Macron", Relation::Visited, "Japan"));
}

#[test]
fn offices_without_a_state_take_the_articles_only_state_for_that_office() {
    let g = extract(
        "Siasa za Japan\n\n\
         Japan imeandaa uchaguzi. Waziri Mkuu wa Japan Fumio Kishida alitangaza sera mpya za Japan. \
         Waziri Mkuu Junichiro Koizumi aliwahi kusema Japan ni taifa la amani. \
         Wachambuzi nchini Japan na Korea Kusini wanasema Japan itabadilika.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Junichiro Koizumi", Relation::HoldsPositionIn, "Japan"),
        "{:#?}",
        edges(&g)
    );
    // The office's state is not the article's main state: no guess.
    let g = extract(
        "Vita vya Ukraine\n\n\
         Rais wa Marekani Joe Biden alizungumza kuhusu Ukraine na Urusi. \
         Rais Vladimir Putin aliagiza wanajeshi kuingia Ukraine. Urusi na Ukraine zinapigana.",
        Lang::Sw,
    );
    assert!(
        !edges(&g)
            .iter()
            .any(|(s, r, _, _)| s == "Vladimir Putin" && *r == Relation::HoldsPositionIn),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn objects_behind_a_description_or_inside_the_verb_are_found() {
    let g = extract(
        "Siasa za eneo\n\n\
         Rais wa Tanzania Amina Juma alimuunga mkono mwanasiasa mkongwe wa upinzani Baraka Mosi. \
         Waziri Mkuu Pendo Ali alikutana na mke wa Baraka Mosi. \
         Rais wa Marekani Tom Hill alitangaza uamuzi wake wa kujiondoa kwenye mkataba wa Iran \
         na kuiwekea nchi hiyo vikwazo vya kiuchumi.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Amina Juma", Relation::Supports, "Baraka Mosi"),
        "{:#?}",
        edges(&g)
    );
    // "mke wa X" names X's wife, not X.
    assert!(!has(&g, "Pendo Ali", Relation::MetWith, "Baraka Mosi"));
    // The object between the verb and "vikwazo"; the subject is the owner of the decision,
    // not Iran, the actor nearest before "na kuiwekea".
    assert!(
        has(&g, "Tom Hill", Relation::Sanctioned, "Iran"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Iran", Relation::Sanctioned, "Iran"));
}

#[test]
fn praising_or_criticising_an_act_relates_its_author() {
    let g = extract(
        "Mpango wa amani\n\n\
         Waziri Mkuu wa Kenya Juma Odhiambo alipongeza hatua ya makubaliano yaliyofikiwa na Rais Tom Hill. \
         Mbunge Neema Saidi pia alikuwa miongoni mwa wale waliopinga mpango wa Uganda. \
         Pesa zilizotolewa kwa Somalia zilitumika kuunga mkono juhudi za jeshi la Ethiopia.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Juma Odhiambo", Relation::Supports, "Tom Hill"),
        "{:#?}",
        edges(&g)
    );
    // "one of those who opposed": she opposed.
    assert!(
        has(&g, "Neema Saidi", Relation::Criticized, "Uganda"),
        "{:#?}",
        edges(&g)
    );
    // "kwa Somalia" is inside a phrase: the money, not Somalia, supported the effort.
    assert!(
        !edges(&g)
            .iter()
            .any(|(s, r, _, _)| s == "Somalia" && *r == Relation::Supports),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn members_named_after_the_alliance_and_visits_to_people() {
    let g = extract(
        "Mkutano wa jumuiya\n\n\
         Mkutano wa Jumuiya ya Afrika Mashariki uliahirishwa. \
         Sababu ni mmoja wa wanachama wa jumuiya hiyo ambaye ni nchi ya Burundi kutohudhuria. \
         Rais wa Rwanda Amani Kaze alimtembelea Rais wa Kenya Juma Odhiambo Jumatatu.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Burundi", Relation::MemberOf, "East African Community"),
        "{:#?}",
        edges(&g)
    );
    // Visiting a person is meeting them as their guest.
    assert!(has(&g, "Amani Kaze", Relation::MetWith, "Juma Odhiambo"));
    assert!(
        has(&g, "Juma Odhiambo", Relation::Hosted, "Amani Kaze"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Amani Kaze", Relation::Visited, "Juma Odhiambo"));
}

#[test]
fn offices_in_apposition_and_in_an_article_about_one_state() {
    let g = extract(
        "Siasa za Ethiopia\n\n\
         Ethiopia imeanza mazungumzo ya amani. Serikali ya Ethiopia ilitangaza mpango huo jana. \
         Waziri Mkuu Daniel Tesfaye alizindua kamati mpya. \
         Wachambuzi wa Ethiopia wanasema Ethiopia itabadilika. \
         Baadaye Bw Hagos Berhe ambaye ni waziri wa fedha wa Ethiopia alisema bajeti imeongezeka.Hata hivyo Rais Amina Juma wa Tanzania alisita. \
         Alikutana na Bw Baraka Mosi akiwa waziri wa fedha wa Kenya.",
        Lang::Sw,
    );
    // The article is about Ethiopia and gives the office no other state.
    assert!(
        has(&g, "Daniel Tesfaye", Relation::HoldsPositionIn, "Ethiopia"),
        "{:#?}",
        edges(&g)
    );
    // "ambaye ni waziri wa fedha wa Ethiopia": an office in apposition.
    assert!(
        has(&g, "Hagos Berhe", Relation::HoldsPositionIn, "Ethiopia"),
        "{:#?}",
        edges(&g)
    );
    // "akiwa" after an object describes the clause's subject, not the object.
    assert!(!has(&g, "Baraka Mosi", Relation::HoldsPositionIn, "Kenya"));
    // "imeongezeka.Hata": a sentence end without its space still ends the sentence.
    assert!(!has(
        &g,
        "Amina Juma",
        Relation::HoldsPositionIn,
        "Ethiopia"
    ));
}

#[test]
fn appointments_of_a_described_person_and_agreements_of_both() {
    let g = extract(
        "Siasa za Ethiopia\n\n\
         Waziri Mkuu wa Ethiopia Daniel Tesfaye alikuwa ameidhinisha naibu wake, Hagos Berhe, kuongoza kamati ya amani. \
         Misri na Jordan pia hupokea misaada ya Marekani. Wote wawili wana mikataba yao ya amani na Israel.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Daniel Tesfaye", Relation::Appointed, "Hagos Berhe"),
        "{:#?}",
        edges(&g)
    );
    // "wote wawili": the two states last joined by "na", not the United States named after them.
    for s in ["Egypt", "Jordan"] {
        assert!(
            has(&g, s, Relation::SignedAgreementWith, "Israel"),
            "{s}: {:#?}",
            edges(&g)
        );
    }
    assert!(!has(
        &g,
        "United States",
        Relation::SignedAgreementWith,
        "Israel"
    ));
}

#[test]
fn places_infinitives_and_other_clauses_are_not_taken_as_parties() {
    let g = extract(
        "Habari za wiki\n\n\
         Maaskofu wa kanisa nchini Kenya - walilaani vikali vitendo vya Uganda. \
         Msanii Baraka Mosi yuko Ufaransa kutangaza kazi yake na kuzungumza na mwandishi wetu Juma Ali. \
         Bw Omari Salim alisema watu wengi wakapongeza hatua yake lakini serikali ya Tanzania ilikaa kimya.",
        Lang::Sw,
    );
    // "nchini Kenya" is where the bishops are, not who condemned.
    assert!(
        !has(&g, "Kenya", Relation::Criticized, "Uganda"),
        "{:#?}",
        edges(&g)
    );
    // "kutangaza" is an infinitive (ku-tangaza), not a verb whose subject is France.
    assert!(
        !has(&g, "France", Relation::MetWith, "Juma Ali"),
        "{:#?}",
        edges(&g)
    );
    // "wakapongeza" has a plural subject; the act is "hatua yake", Tanzania is in another clause.
    assert!(none_of(&g, &[Relation::Supports]), "{:#?}", edges(&g));
}

#[test]
fn a_president_elect_is_an_office_of_its_own() {
    let g = extract(
        "Uchaguzi wa Marekani\n\n\
         Viongozi wa Afrika wamempongeza rais mteule wa Marekani. \
         Rais Amina Juma wa Tanzania alisema atafanya kazi na Rais mteule Tom Hill. \
         Rais mteule Tom Hill na makamu wake Sara Lee watachukua madaraka Januari.",
        Lang::Sw,
    );
    // "rais mteule wa Marekani" is the one president-elect, not Amina Juma, a president.
    assert!(
        has(&g, "Tom Hill", Relation::HoldsPositionIn, "United States"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(
        &g,
        "Amina Juma",
        Relation::HoldsPositionIn,
        "United States"
    ));
    // The deputy of a president-elect is in the same state.
    assert!(
        has(&g, "Sara Lee", Relation::HoldsPositionIn, "United States"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn an_office_named_before_its_holder_takes_the_holder_introduced_soon_after() {
    let g = extract(
        "Salamu za pongezi\n\n\
         Rais Tom Hill wa Marekani alishinda uchaguzi. \
         Rais wa Malawi alisema taifa lake liko tayari, na alimshukuru bwana Hill kwa msaada wake. \
         \"Tutafanya kazi pamoja,\" Rais Peter Banda aliandika. \
         Rais wa Zambia Daniel Phiri alisema kwamba Rais Tom Hill ni rafiki. \
         Rais wa Ghana hakuzungumza. Rais Juma Ali wa Kenya alituma ujumbe.",
        Lang::Sw,
    );
    // The president of Malawi is the one president introduced right after, with no state.
    assert!(
        has(&g, "Peter Banda", Relation::HoldsPositionIn, "Malawi"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Peter Banda", Relation::Supports, "Tom Hill"));
    // Someone named before the office phrase, or given another state, is not its holder.
    assert!(!has(&g, "Tom Hill", Relation::HoldsPositionIn, "Malawi"));
    assert!(!has(&g, "Juma Ali", Relation::HoldsPositionIn, "Ghana"));
    // The same office written again in English before the name.
    let g = extract(
        "Pongezi\n\n\
         Rais wa Niger President Ali Musa na Rais wa Mali Sidi Traore walituma ujumbe.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Ali Musa", Relation::HoldsPositionIn, "Niger"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn a_verbs_object_marker_names_the_person_before_or_the_one_the_story_is_about() {
    let g = extract(
        "Ziara za kanda\n\n\
         Waziri wa Ulinzi wa Kenya Samuel Otieno anapenda kusafiri. \
         Hotuba yake ilimfungulia njia ya kuzuru Malawi kukutana na Rais wa Malawi Peter Banda. \
         Otieno alisema safari ni muhimu. \
         Anamwita Rais wa Zambia Daniel Phiri kama rafiki yake, na amemtembelea katika nyumba yake.",
        Lang::Sw,
    );
    // "amemtembelea": the object marker stands for Daniel Phiri, named before.
    assert!(
        has(&g, "Daniel Phiri", Relation::Hosted, "Samuel Otieno"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Samuel Otieno", Relation::MetWith, "Daniel Phiri"));
    // "ilimfungulia njia ya kuzuru": he (the minister the story is about) visited and met.
    assert!(
        has(&g, "Samuel Otieno", Relation::Visited, "Malawi"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Samuel Otieno", Relation::MetWith, "Peter Banda"));
    // A person who is a verb's subject is not the object marker's referent.
    let g = extract(
        "Habari\n\n\
         Rais wa Zambia Daniel Phiri alisema jana, na amemsifu kwa kazi nzuri.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Supports]), "{:#?}", edges(&g));
}

#[test]
fn calling_a_party_a_name_of_blame_criticises_it() {
    let g = extract(
        "Barua ya rais\n\n\
         Rais wa Malawi Peter Banda aliandika barua kwa rais wa Zambia Daniel Phiri akiiita Tanzania kuwa 'adui mkubwa'. \
         Rais wa Kenya Juma Ali alikosoa serikali ya Uganda na Bw Tom Kato, akimwona kama \"kibaraka\" wa mataifa ya nje. \
         Waziri wa Ghana Sara Mensah aliitaja Nigeria kama jirani mwema.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Peter Banda", Relation::Criticized, "Tanzania"),
        "{:#?}",
        edges(&g)
    );
    // The addressee after "kwa", office and all, is not the subject of the next verb.
    assert!(!has(&g, "Daniel Phiri", Relation::Criticized, "Tanzania"));
    // "akimwona kama kibaraka": the object marker stands for the person named before.
    assert!(
        has(&g, "Juma Ali", Relation::Criticized, "Tom Kato"),
        "{:#?}",
        edges(&g)
    );
    // A neutral label is no criticism.
    assert!(!has(&g, "Sara Mensah", Relation::Criticized, "Nigeria"));
}

#[test]
fn future_and_conditional_verbs_make_no_event_edge() {
    let g = extract(
        "Mikutano\n\n\
         Rais wa Kenya Juma Ali atakutana na Rais wa Uganda Tom Kato wiki ijayo. \
         Rais wa Malawi Peter Banda angemtembelea Rais wa Zambia Daniel Phiri kama angealikwa. \
         Waziri wa Ghana Sara Mensah watakwenda kuzuru Nigeria. \
         Rais wa Tanzania Amina Juma alikutana na Rais wa Rwanda Eric Mugabo jana.",
        Lang::Sw,
    );
    assert!(
        !has(&g, "Juma Ali", Relation::MetWith, "Tom Kato"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Daniel Phiri", Relation::Hosted, "Peter Banda"));
    assert!(!has(&g, "Sara Mensah", Relation::Visited, "Nigeria"));
    // The past still makes its edge.
    assert!(has(&g, "Amina Juma", Relation::MetWith, "Eric Mugabo"));
}

#[test]
fn a_negated_or_refusing_verb_denies_the_infinitive_unless_it_is_hesitation() {
    let g = extract(
        "Pongezi\n\n\
         Rais mteule Tom Hill alishinda uchaguzi. \
         Rais wa Malawi Peter Banda hakuchelea kumpongeza Tom Hill. \
         Rais wa Zambia Daniel Phiri alikataa kumpongeza Tom Hill. \
         Rais wa Kenya Juma Ali hakutaka kukutana na Tom Hill.",
        Lang::Sw,
    );
    // "did not hesitate to congratulate" congratulates.
    assert!(
        has(&g, "Peter Banda", Relation::Supports, "Tom Hill"),
        "{:#?}",
        edges(&g)
    );
    // "refused to congratulate", "did not want to meet": nothing happened.
    assert!(!has(&g, "Daniel Phiri", Relation::Supports, "Tom Hill"));
    assert!(!has(&g, "Juma Ali", Relation::MetWith, "Tom Hill"));
}

#[test]
fn a_bare_office_names_its_one_holder_and_a_parenthesis_keeps_the_subject() {
    let g = extract(
        "Pongezi\n\n\
         Rais mteule wa Marekani Tom Hill alishinda uchaguzi. \
         Rais wa Malawi, ambaye nchi yake imekuwa na mvutano na Marekani, hakuchelea kumpongeza rais mteule. \
         \"Tunakutakia heri,\" Rais Peter Banda aliandika. \
         Rais wa Zambia Daniel Phiri alikataa kumpongeza rais mteule.",
        Lang::Sw,
    );
    // "rais mteule" is the article's one president-elect; the subject is the office before
    // the relative clause between commas.
    assert!(
        has(&g, "Peter Banda", Relation::Supports, "Tom Hill"),
        "{:#?}",
        edges(&g)
    );
    // Refusing to congratulate is no support.
    assert!(!has(&g, "Daniel Phiri", Relation::Supports, "Tom Hill"));
    // Two presidents-elect: the bare office names neither.
    let g = extract(
        "Pongezi\n\n\
         Rais mteule wa Kenya Juma Ali na Rais mteule wa Ghana Kofi Mensah walishinda. \
         Rais wa Malawi Peter Banda alimpongeza rais mteule.",
        Lang::Sw,
    );
    assert!(
        !has(&g, "Peter Banda", Relation::Supports, "Juma Ali")
            && !has(&g, "Peter Banda", Relation::Supports, "Kofi Mensah"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn a_relative_clause_subject_may_stand_before_a_verb_of_trying() {
    let g = extract(
        "Siasa\n\n\
         Jenerali Amani Kazembe ana wafuasi wengi. \
         Mwanamuziki Baraka Juma ambaye jenerali anajaribu kumdharau alijibu kwa wimbo.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Amani Kazembe", Relation::Criticized, "Baraka Juma"),
        "{:#?}",
        edges(&g)
    );
    // Not trying (negative) or will try (future): no criticism.
    for verb in ["hajaribu", "atajaribu"] {
        let g = extract(
            &format!(
                "Siasa\n\n\
                 Jenerali Amani Kazembe ana wafuasi wengi. \
                 Mwanamuziki Baraka Juma ambaye jenerali {verb} kumdharau alijibu kwa wimbo."
            ),
            Lang::Sw,
        );
        assert!(
            !has(&g, "Amani Kazembe", Relation::Criticized, "Baraka Juma"),
            "{verb}: {:#?}",
            edges(&g)
        );
    }
}

#[test]
fn an_office_with_a_state_is_not_given_to_a_holder_named_long_after_it() {
    let g = extract(
        "Vita\n\n\
         Jeshi la Urusi lilishindwa kumwondoa rais wa Ukraine mwaka huu. \
         Mapigano yaliendelea kwa miezi mingi. \
         Wanajeshi wengi walikufa mashariki. \
         Bei ya mafuta ilipanda sana duniani. \
         Wachambuzi walisema hali ni ngumu. \
         Hakuna ushahidi kwamba Rais Ivan Petrov ni mgonjwa, alisema afisa.",
        Lang::Sw,
    );
    assert!(
        !has(&g, "Ivan Petrov", Relation::HoldsPositionIn, "Ukraine"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn labelling_an_act_named_before_labels_its_author() {
    let g = extract(
        "Kisiwa\n\n\
         Rais wa Marekani Tom Hill alipendekeza kununua kisiwa cha Zanzibar. \
         Waziri Mkuu wa Malawi Grace Banda alitaja mpango huo kwamba ni upuzi.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Grace Banda", Relation::Criticized, "Tom Hill"),
        "{:#?}",
        edges(&g)
    );
    // Two people acted before: whose plan it was is not told.
    let g = extract(
        "Kisiwa\n\n\
         Rais wa Marekani Tom Hill alipendekeza mpango na Rais wa Kenya Juma Ali aliukubali. \
         Waziri Mkuu wa Malawi Grace Banda alitaja mpango huo kwamba ni upuzi.",
        Lang::Sw,
    );
    assert!(
        !has(&g, "Grace Banda", Relation::Criticized, "Tom Hill")
            && !has(&g, "Grace Banda", Relation::Criticized, "Juma Ali"),
        "{:#?}",
        edges(&g)
    );
    // Not calling it so: no criticism.
    let g = extract(
        "Kisiwa\n\n\
         Rais wa Marekani Tom Hill alipendekeza kununua kisiwa cha Zanzibar. \
         Waziri Mkuu wa Malawi Grace Banda hakutaja mpango huo kwamba ni upuzi.",
        Lang::Sw,
    );
    assert!(!has(&g, "Grace Banda", Relation::Criticized, "Tom Hill"));
}

#[test]
fn announcing_sanctions_against_a_state_sanctions_it() {
    let g = extract(
        "Vikwazo\n\n\
         Marekani ilitangaza vikwazo dhidi ya Urusi Jumanne. \
         Uingereza haikutangaza vikwazo dhidi ya Iran. \
         Ufaransa itatangaza vikwazo dhidi ya Syria.",
        Lang::Sw,
    );
    assert!(
        has(&g, "United States", Relation::Sanctioned, "Russia"),
        "{:#?}",
        edges(&g)
    );
    // Not announced, or only to be: no edge.
    assert!(!has(&g, "United Kingdom", Relation::Sanctioned, "Iran"));
    assert!(!has(&g, "France", Relation::Sanctioned, "Syria"));
}

#[test]
fn visiting_a_city_visits_its_state_and_a_fronted_participle_takes_the_subject_after_it() {
    let g = extract(
        "Mjumbe ajiunga na mazungumzo\n\n\
         Waziri Mkuu wa Ethiopia Abebe Kebede alizungumza Jumatatu. \
         Akitembelea mji mkuu wa Tigray Mekelle tarehe 2 Agosti, Mjumbe Maalum wa Marekani John \
         Carter na wajumbe wa Umoja wa Ulaya walitoa wito wa amani.",
        Lang::Sw,
    );
    // The participle's subject is the envoy after its clause, not the prime minister before.
    assert!(
        has(&g, "John Carter", Relation::Visited, "Ethiopia"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Abebe Kebede", Relation::Visited, "Ethiopia"));
    let g = extract(
        "Ziara\n\n\
         Waziri Mkuu wa Ethiopia Abebe Kebede alitembelea mji wa Mekelle Jumatatu. \
         Rais wa Uganda Amina Otieno hakutembelea Mekelle. \
         Waziri wa Afya wa Uganda Sarah Nakato alitembelea hospitali mjini Mekelle. \
         Rais wa Ghana Kofi Mensah alitembelea Nairobi.",
        Lang::Sw,
    );
    // A tour of one's own state, a negated visit, a hospital in the city (anyone there may
    // visit it) and a city of a state the article does not name: no visit of a state.
    assert!(
        !has(&g, "Abebe Kebede", Relation::Visited, "Ethiopia"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Amina Otieno", Relation::Visited, "Ethiopia"));
    assert!(!has(&g, "Sarah Nakato", Relation::Visited, "Ethiopia"));
    assert!(!edges(&g)
        .iter()
        .any(|(s, r, _, _)| s == "Kofi Mensah" && *r == Relation::Visited));
}

#[test]
fn in_a_quotation_us_is_the_speakers_state_and_a_copula_label_is_the_speakers_judgement() {
    let g = extract(
        "Viongozi wampongeza mshindi\n\n\
         Rais wa Tanzania Juma Hamisi alimpongeza rais mteule wa Ghana Peter Mwangi. \
         \"Rais mteule Peter Mwangi ni rafiki wa nchi yetu ambaye ashawahi kututembelea na \
         kusaidia biashara,\" katika taarifa rais Hamisi alisema.",
        Lang::Sw,
    );
    // "ku-tu-tembelea" (to visit us) said by Tanzania's president: Tanzania.
    assert!(
        has(&g, "Peter Mwangi", Relation::Visited, "Tanzania"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        edges(&g).iter().any(|(s, r, o, rule)| s == "Juma Hamisi"
            && *r == Relation::Supports
            && o == "Peter Mwangi"
            && rule == "quote:copula-label"),
        "{:#?}",
        edges(&g)
    );
    // A headline's speaker after "- ", judging the author of a plan.
    let g = extract(
        "Mpango wa Ufaransa wa kuwahamisha wakimbizi Niger 'ni kinyume cha sheria' - Diallo\n\n\
         Waziri wa Mambo ya Nje wa Senegal Amadou Diallo alizungumza Jumatatu.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Amadou Diallo", Relation::Criticized, "France"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Amadou Diallo", Relation::Criticized, "Niger"));
}

#[test]
fn without_a_speaker_or_with_a_negation_a_quotation_gives_nothing() {
    // Narration: no speaker, no judgement and no "us".
    let g = extract(
        "Ziara\n\n\
         Rais wa Tanzania Juma Hamisi alizungumza Jumatatu. \
         Rais mteule Peter Mwangi ni rafiki wa nchi yetu ambaye ashawahi kututembelea.",
        Lang::Sw,
    );
    assert!(
        none_of(&g, &[Relation::Supports, Relation::Visited]),
        "{:#?}",
        edges(&g)
    );
    // Negated: "has never visited us", "is not a friend".
    let g = extract(
        "Ziara\n\n\
         Rais wa Tanzania Juma Hamisi alizungumza Jumatatu. \
         \"Peter Mwangi si rafiki wa nchi yetu na hajawahi kututembelea,\" rais Hamisi alisema.",
        Lang::Sw,
    );
    assert!(
        none_of(&g, &[Relation::Supports, Relation::Visited]),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn english_pronoun_subjects_visits_to_cities_and_threats_to_act() {
    let g = extract(
        "Talks in Kigali\n\n\
         Kenyan President William Ruto arrived on Monday. \
         He held talks with Rwandan President Paul Kagame. \
         Ghanaian President John Mahama visited Kigali, the capital of Rwanda. \
         Nigeria threatened to cut ties with Niger.",
        Lang::En,
    );
    for (s, r, o) in [
        ("William Ruto", Relation::MetWith, "Paul Kagame"),
        ("John Mahama", Relation::Visited, "Rwanda"),
        ("Nigeria", Relation::Threatened, "Niger"),
    ] {
        assert!(has(&g, s, r, o), "{s} {r:?} {o}: {:#?}", edges(&g));
    }
}

#[test]
fn english_pronouns_need_one_person_and_threats_and_visits_need_their_party() {
    let g = extract(
        "Talks\n\n\
         Kenyan President William Ruto met Ugandan President Yoweri Museveni. \
         He held talks with Rwandan President Paul Kagame. \
         Nigeria has not threatened to cut ties with Niger. \
         Ghana threatened to leave the talks, Benin said. \
         Paul Kagame visited Kigali on Friday.",
        Lang::En,
    );
    // Two people before "He": who is meant is not told.
    assert!(
        !has(&g, "William Ruto", Relation::MetWith, "Paul Kagame"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(
        &g,
        "Yoweri Museveni",
        Relation::MetWith,
        "Paul Kagame"
    ));
    // Negated; a party after the clause ended; a tour of the visitor's own state.
    assert!(!has(&g, "Nigeria", Relation::Threatened, "Niger"));
    assert!(!has(&g, "Ghana", Relation::Threatened, "Benin"));
    assert!(!has(&g, "Paul Kagame", Relation::Visited, "Rwanda"));
}

#[test]
fn a_boast_of_ones_own_force_attacking_a_state_threatens_it() {
    let g = extract(
        "Jenerali\n\n\
         Jenerali Amani Okello alijigamba kwamba jeshi lake linaweza kuuteka mji mkuu wa \
         Tanzania, Dodoma, kwa siku tatu.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Amani Okello", Relation::Threatened, "Tanzania"),
        "{:#?}",
        edges(&g)
    );
    // Said of a third party (a prediction), with a negative modal, or not boasted at all: no
    // threat.
    let g = extract(
        "Jenerali\n\n\
         Jenerali Amani Okello alisema kwamba Urusi inaweza kuivamia Ukraine. \
         Waziri Mkuu wa Ethiopia Abebe Kebede alijigamba kwamba jeshi lake haliwezi kuuteka mji \
         mkuu wa Eritrea. \
         Rais wa Sudan Omar Idris hakujigamba kwamba jeshi lake linaweza kuiteka Chad.",
        Lang::Sw,
    );
    for (s, o) in [
        ("Amani Okello", "Ukraine"),
        ("Amani Okello", "Russia"),
        ("Abebe Kebede", "Eritrea"),
        ("Omar Idris", "Chad"),
    ] {
        assert!(
            !has(&g, s, Relation::Threatened, o),
            "{s} {o}: {:#?}",
            edges(&g)
        );
    }
}

#[test]
fn a_quoted_conditional_warning_threatens_the_party_of_the_condition() {
    let g = extract(
        "Onyo\n\n\
         \"Ikiwa Urusi itaendelea na mashambulizi haya, tutachukua hatua kali zaidi,\" Rais wa \
         Ufaransa Paul Martin alisema Jumanne.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Paul Martin", Relation::Threatened, "Russia"),
        "{:#?}",
        edges(&g)
    );
    // A consequence that is no hostile response, a consequence of a third party's, and the
    // same words with no speaker: no threat.
    let g = extract(
        "Uchumi\n\n\
         \"Ikiwa Kenya itaendelea kukua, tutafurahi sana,\" Rais wa Uganda Amina Otieno alisema. \
         \"Ikiwa Iran itaendelea, Israel itachukua hatua,\" Rais wa Ufaransa Paul Martin alisema. \
         Ikiwa Syria itaendelea na vita, tutachukua hatua kali. \
         \"Ikiwa Japan itakubali, tutakuwa tayari kushirikiana nayo,\" Rais wa Kenya John Kamau \
         alisema.",
        Lang::Sw,
    );
    for (s, o) in [
        ("Amina Otieno", "Kenya"),
        ("Paul Martin", "Iran"),
        ("Paul Martin", "Syria"),
        ("John Kamau", "Japan"),
    ] {
        assert!(
            !has(&g, s, Relation::Threatened, o),
            "{s} {o}: {:#?}",
            edges(&g)
        );
    }
    assert!(none_of(&g, &[Relation::Threatened]), "{:#?}", edges(&g));
}

#[test]
fn a_noun_of_military_action_with_its_target_is_an_attack() {
    let g = extract(
        "Vita\n\n\
         Uvamizi wa Urusi dhidi ya Ukraine umeleta madhara makubwa. \
         Ethiopia inajaribu kudumisha kampeni yake ya kijeshi na Eritrea kwa miezi mitatu.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Russia", Relation::Attacked, "Ukraine"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Ethiopia", Relation::Attacked, "Eritrea"),
        "{:#?}",
        edges(&g)
    );
    // The genitive alone (attacker or attacked?), a possible invasion, a political campaign,
    // "na" opening a clause of its own, and a party named after the target word: no attack.
    let g = extract(
        "Vita\n\n\
         Uvamizi wa Syria ulianza mwaka 2015. \
         Kuna uwezekano wa uvamizi wa China dhidi ya Taiwan. \
         Uvamizi wa Iran dhidi ya Iraq unaweza kuanza wiki hii. \
         Kenya ilizindua kampeni yake ya kisiasa na Uganda mwezi uliopita. \
         Sudan iliendeleza kampeni yake ya kijeshi na Chad ilijibu kwa hasira. \
         Kulikuwa na mashambulizi dhidi ya raia wa Somalia nchini Kenya.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Attacked]), "{:#?}", edges(&g));
}

#[test]
fn sanctions_named_by_a_noun_sanction_their_target() {
    let g = extract(
        "Vikwazo\n\n\
         Vikwazo vya Ufaransa dhidi ya Iran vilianza mwaka jana. \
         Wiki hii kulikuwa na hatua zilizotangazwa na Marekani na Japan. \
         Vikwazo hivyo vinalenga benki kubwa za serikali nchini Syria.",
        Lang::Sw,
    );
    for (s, o) in [
        ("France", "Iran"),
        ("United States", "Syria"),
        ("Japan", "Syria"),
    ] {
        assert!(
            has(&g, s, Relation::Sanctioned, o),
            "{s} {o}: {:#?}",
            edges(&g)
        );
    }
    // Denied sanctions, sanctions with no author, a verb that does not target: no edge.
    let g = extract(
        "Vikwazo\n\n\
         Hakuna vikwazo vya Ufaransa dhidi ya Iran. \
         Vikwazo dhidi ya Urusi vimeongezeka. \
         Hotuba ya Rais wa Marekani Tom Hill ilisikika jana. \
         Vikwazo hivyo vinalenga benki za Iran. \
         Wiki hii kulikuwa na hatua zilizotangazwa na Marekani na Japan. \
         Vikwazo hivyo havilengi benki za Syria.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Sanctioned]), "{:#?}", edges(&g));
}

#[test]
fn a_yes_no_question_and_a_participle_under_a_future_verb_are_not_told() {
    let g = extract(
        "Maswali\n\n\
         Mchambuzi mmoja aliuliza, \"Je serikali ya Kenya inampendelea Juma Hamisi?\" \
         Je hatua ya Rais wa Tanzania Amina Said kumuunga mkono Juma Hamisi itamsaidia? \
         Bwana Peter Kamau ataapishwa kesho, akichukua nafasi ya Bw Daudi Mwangi kama rais.",
        Lang::Sw,
    );
    assert!(
        !has(&g, "Kenya", Relation::Supports, "Juma Hamisi"),
        "{:#?}",
        edges(&g)
    );
    // The support named inside the question's subject is taken as told.
    assert!(
        has(&g, "Amina Said", Relation::Supports, "Juma Hamisi"),
        "{:#?}",
        edges(&g)
    );
    assert!(none_of(&g, &[Relation::Succeeded]), "{:#?}", edges(&g));
    let g = extract(
        "Kiapo\n\n\
         Bwana Peter Kamau aliapishwa jana, akichukua nafasi ya Bw Daudi Mwangi kama rais.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Peter Kamau", Relation::Succeeded, "Daudi Mwangi"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn a_glide_spelling_a_rank_before_the_name_and_praise_of_how_someone_acted() {
    let g = extract(
        "Uteuzi\n\n\
         Rais wa Tanzania Amina Said alimteuwa Juma Hamisi kuwa waziri wa fedha. \
         Rais wa Kenya Peter Kamau alitangaza kumteua Jaji Daudi Mwangi kuwa mwenyekiti wa tume. \
         Mbunge Grace Akinyi amesifu jinsi Bw. Musa Otieno alivyoshughulikia maandamano hayo.",
        Lang::Sw,
    );
    for (s, r, o) in [
        ("Amina Said", Relation::Appointed, "Juma Hamisi"),
        ("Peter Kamau", Relation::Appointed, "Daudi Mwangi"),
        ("Grace Akinyi", Relation::Supports, "Musa Otieno"),
    ] {
        assert!(has(&g, s, r, o), "{s} {o}: {:#?}", edges(&g));
    }
    // A negative glide form, a rank with no name after it, praise of how a thing went: nothing.
    let g = extract(
        "Uteuzi\n\n\
         Rais wa Tanzania Amina Said hakumteuwa Juma Hamisi kuwa waziri. \
         Rais wa Kenya Peter Kamau alitangaza kumteua Jaji wa mahakama kuu. \
         Mbunge Grace Akinyi amesifu jinsi uchaguzi ulivyoendeshwa nchini Kenya.",
        Lang::Sw,
    );
    assert!(
        none_of(&g, &[Relation::Appointed, Relation::Supports]),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn a_cleft_before_an_agent_noun_names_the_appointer() {
    let g = extract(
        "Uteuzi\n\n\
         Rais wa Tanzania Amina Said alihutubia bunge jana. \
         Naye Rais Amina Said ndiye mteuzi wa Juma Hamisi kuwa mkuu wa mkoa wa Arusha. \
         Rais Amina Said ndiyo mteua Musa Otieno kuwa mkuu wa mkoa wa Mbeya. \
         Grace Akinyi alijiuzulu mwezi Mei. Mteuzi wake, Rais Peter Kamau, alikubali barua yake. \
         Daudi Mwangi ndiye mrithi wa Grace Akinyi.",
        Lang::Sw,
    );
    for (s, r, o) in [
        ("Amina Said", Relation::Appointed, "Juma Hamisi"),
        ("Amina Said", Relation::Appointed, "Musa Otieno"),
        ("Peter Kamau", Relation::Appointed, "Grace Akinyi"),
        ("Daudi Mwangi", Relation::Succeeded, "Grace Akinyi"),
    ] {
        assert!(has(&g, s, r, o), "{s} {o}: {:#?}", edges(&g));
    }
    // A copula is no cleft; no party before the cleft, or none after the noun; a state is no
    // appointer: nothing.
    let g = extract(
        "Uteuzi\n\n\
         Rais wa Tanzania Amina Said alihutubia bunge jana. \
         Juma Hamisi ni mteuzi wa Musa Otieno. \
         Yeye ndiye mteuzi wa Grace Akinyi. \
         Rais Peter Kamau ndiye mteuzi wa wakuu wa mikoa. \
         Tanzania ndiyo mteua Daudi Mwangi.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Appointed]), "{:#?}", edges(&g));
}

#[test]
fn a_pseudo_cleft_gives_its_infinitive_the_relative_verb_s_subject() {
    let g = extract(
        "Uteuzi\n\n\
         Rais wa Tanzania Amina Said amedhamiria kubadilisha serikali, na mshauri wake Musa Otieno ni mwanasheria. \
         Hatua kubwa aliyochukua ni kumteua Juma Hamisi kuwa waziri wa fedha.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Amina Said", Relation::Appointed, "Juma Hamisi"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Musa Otieno", Relation::Appointed, "Juma Hamisi"));
    // What she will do, a verb that is no relative, a step of a thing, two people acting in
    // the sentence before: nothing.
    for text in [
        "Rais wa Tanzania Amina Said alihutubia bunge. Hatua atakayochukua ni kumteua Juma Hamisi kuwa waziri.",
        "Rais wa Tanzania Amina Said alihutubia bunge. Alisema ni kumteua Juma Hamisi kuwa waziri.",
        "Rais wa Tanzania Amina Said alihutubia bunge. Hatua iliyochukuliwa ni kumteua Juma Hamisi kuwa waziri.",
        "Rais Amina Said alisema Waziri Musa Otieno alikosea. Hatua aliyochukua ni kumteua Juma Hamisi kuwa waziri.",
    ] {
        let g = extract(&format!("Uteuzi\n\n{text}"), Lang::Sw);
        assert!(
            none_of(&g, &[Relation::Appointed]),
            "{text}: {:#?}",
            edges(&g)
        );
    }
}

#[test]
fn a_plural_reference_stands_for_the_people_listed_after_an_inclusion_cue() {
    let g = extract(
        "Uchaguzi\n\n\
         Wandani wa Rais Peter Kamau wakiwemo Juma Hamisi, Grace Akinyi na Musa Otieno ni miongoni \
         mwa viongozi waliokubali kushindwa. \
         Viongozi hao walimuunga mkono Daudi Mwangi katika uchaguzi huo.",
        Lang::Sw,
    );
    for s in ["Juma Hamisi", "Grace Akinyi", "Musa Otieno"] {
        assert!(
            has(&g, s, Relation::Supports, "Daudi Mwangi"),
            "{s}: {:#?}",
            edges(&g)
        );
    }
    // The person whose allies they are is not one of them.
    assert!(
        !has(&g, "Peter Kamau", Relation::Supports, "Daudi Mwangi"),
        "{:#?}",
        edges(&g)
    );
    // Without an inclusion cue the reference stands for no list.
    let g = extract(
        "Uchaguzi\n\n\
         Juma Hamisi, Grace Akinyi na Musa Otieno walikubali kushindwa. \
         Viongozi hao walimuunga mkono Daudi Mwangi katika uchaguzi huo.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Supports]), "{:#?}", edges(&g));
}

#[test]
fn a_place_taken_by_the_appointee_or_named_by_a_possessive() {
    let g = extract(
        "Tume\n\n\
         Rais wa Kenya Peter Kamau alitangaza kumteua Jaji Daudi Mwangi kuwa mwenyekiti wa tume \
         akichukua nafasi ya Jaji Mstaafu Musa Otieno. \
         Jaji Juma Hamisi alijitoa kusikiliza kesi hiyo. \
         Nafasi yake akapangiwa Jaji Grace Akinyi. \
         Jaji Grace Akinyi alipandishwa cheo mwezi uliopita. \
         Jaji Amina Said akachukua nafasi yake.",
        Lang::Sw,
    );
    for (s, o) in [
        ("Daudi Mwangi", "Musa Otieno"),
        ("Grace Akinyi", "Juma Hamisi"),
        ("Amina Said", "Grace Akinyi"),
    ] {
        assert!(
            has(&g, s, Relation::Succeeded, o),
            "{s} {o}: {:#?}",
            edges(&g)
        );
    }
    // The appointer did not take the place.
    assert!(
        !has(&g, "Peter Kamau", Relation::Succeeded, "Musa Otieno"),
        "{:#?}",
        edges(&g)
    );
    // Two people before the verb leave "yake" unresolved; a place with no possessor, nothing.
    let g = extract(
        "Tume\n\n\
         Jaji Juma Hamisi alijitoa kusikiliza kesi hiyo. \
         Baada ya Jaji Grace Akinyi kukataa, Jaji Amina Said akachukua nafasi yake. \
         Nafasi hiyo akapangiwa Jaji Musa Otieno.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Succeeded]), "{:#?}", edges(&g));
}

/// The labels of the article's person nodes.
fn person_labels(g: &ArticleGraph) -> Vec<String> {
    g.graph
        .node_weights()
        .filter(|n| n.kind == newsgraph::graph::NodeKind::Person)
        .map(|n| n.label.clone())
        .collect()
}

#[test]
fn a_party_the_article_names_after_chama_cha_is_not_part_of_a_persons_name() {
    let g = extract(
        "Uchaguzi wa Pwani\n\n\
         Mwenyekiti wa chama cha Tumaini Amina Wanjiru alikubali kushindwa Jumatano. \
         Katibu mkuu wa Tumaini Peter Mwangi alisema matokeo yalikuwa wazi. \
         Chama cha Tumaini cha Rais mstaafu kilipoteza viti vingi. \
         Viongozi hao walimuunga mkono Joseph Kariuki katika uchaguzi huo.",
        Lang::Sw,
    );
    let people = person_labels(&g);
    for name in ["Amina Wanjiru", "Peter Mwangi", "Joseph Kariuki"] {
        assert!(people.iter().any(|p| p == name), "{name}: {people:#?}");
    }
    assert!(!people.iter().any(|p| p.contains("Tumaini")), "{people:#?}");
    // A person named after the noun ("the party of William Ruto") stays a person.
    let g = extract(
        "Siasa\n\n\
         Wabunge wa chama cha William Odhiambo walikutana Nairobi. \
         William Odhiambo alisema chama kitashinda.",
        Lang::Sw,
    );
    let people = person_labels(&g);
    assert!(
        people.iter().any(|p| p == "William Odhiambo"),
        "{people:#?}"
    );
}

#[test]
fn thanks_and_praise_in_a_quotation_with_a_first_person_subject_are_the_speakers() {
    let supports = |text: &str| {
        let g = extract(text, Lang::Sw);
        edges(&g)
            .into_iter()
            .filter(|(_, r, _, _)| *r == Relation::Supports)
            .map(|(a, _, b, rule)| (a, b, rule))
            .collect::<Vec<_>>()
    };
    let head = "Ziara ya Nairobi\n\n\
         Rais wa Kenya Daniel Mutua alimkaribisha Rais wa Tanzania Neema Mushi Ikulu. ";
    // We thank X, said Y; I praise X, said Y.
    for quote in [
        "\"Tunamshukuru Rais Neema Mushi kwa ushirikiano wake,\" alisema Mutua.",
        "\"Ninampongeza Rais Neema Mushi kwa hatua hiyo,\" alisema Mutua.",
    ] {
        let found = supports(&format!("{head}{quote}"));
        assert!(
            found.iter().any(|(a, b, rule)| a == "Daniel Mutua"
                && b == "Neema Mushi"
                && rule == "event:quoted-first-person"),
            "{quote}: {found:#?}"
        );
    }
    // No speaker (narration), a negated verb, or a third-person subject: not the speaker's.
    for text in [
        "Tunamshukuru Rais Neema Mushi kwa ushirikiano wake.",
        "\"Hatumshukuru Rais Neema Mushi kwa hatua hiyo,\" alisema Mutua.",
        "\"Wanamshukuru Rais Neema Mushi kwa hatua hiyo,\" alisema Mutua.",
    ] {
        let found = supports(&format!("{head}{text}"));
        assert!(
            !found.iter().any(|(a, _, _)| a == "Daniel Mutua"),
            "{text}: {found:#?}"
        );
    }
}

/// The rule of the office edge between two labels, if any.
fn office_rule(g: &ArticleGraph, person: &str, org: &str) -> Option<String> {
    edges(g)
        .into_iter()
        .find(|(a, r, b, _)| *r == Relation::HoldsPositionIn && a == person && b == org)
        .map(|(_, _, _, rule)| rule)
}

#[test]
fn two_offices_copulas_honorifics_the_late_and_leaders_listed_with_their_state() {
    let g = extract(
        "Mkutano wa viongozi\n\n\
         Mwenyekiti wa Umoja wa Afrika, Rais Pascal Ilunga wa DRC, alifungua mkutano. \
         Rais wa Tanzania Dkt. Neema Mrisho alihudhuria. \
         Aliyekuwa rais wa Kenya, Hayati Daudi Kiprono, alikumbukwa. \
         Hayati Omari Juma alikuwa rais wa tano wa Zambia. \
         Salome Wanjiru ni waziri wa mambo ya nje wa Uganda. \
         Viongozi waliosaini mkataba wa mwaka 1967 ni pamoja na Festo Mbwana (Burundi) na Ali Sefu (Rwanda). \
         Wanariadha Paulo Kibet (Ethiopia) na Yona Tesfaye (Eritrea) walishinda mbio hizo. \
         Mke wa Rais ni Rehema Juma.",
        Lang::Sw,
    );
    let all = edges(&g);
    // "Mwenyekiti wa X, Rais Y wa Z": the name after the second office holds both.
    assert_eq!(
        office_rule(&g, "Pascal Ilunga", "African Union").as_deref(),
        Some("position:title-of-entity"),
        "{all:#?}"
    );
    assert!(has(
        &g,
        "Pascal Ilunga",
        Relation::HoldsPositionIn,
        "Democratic Republic of the Congo"
    ));
    // An honorific between the office and the name.
    assert!(
        has(&g, "Neema Mrisho", Relation::HoldsPositionIn, "Tanzania"),
        "{all:#?}"
    );
    // "Hayati" (the late) and a past copula make the office former; an ordinal after the
    // office does not hide its state.
    assert_eq!(
        office_rule(&g, "Daudi Kiprono", "Kenya").as_deref(),
        Some("position:former-title-of-entity"),
        "{all:#?}"
    );
    assert_eq!(
        office_rule(&g, "Omari Juma", "Zambia").as_deref(),
        Some("position:former-title-of-entity"),
        "{all:#?}"
    );
    // A present copula before an office of a named state.
    assert_eq!(
        office_rule(&g, "Salome Wanjiru", "Uganda").as_deref(),
        Some("position:title-of-entity"),
        "{all:#?}"
    );
    // "Name (State)" in a sentence about leaders, not in one about athletes.
    assert!(
        has(&g, "Festo Mbwana", Relation::HoldsPositionIn, "Burundi"),
        "{all:#?}"
    );
    assert!(
        has(&g, "Ali Sefu", Relation::HoldsPositionIn, "Rwanda"),
        "{all:#?}"
    );
    assert!(
        !has(&g, "Paulo Kibet", Relation::HoldsPositionIn, "Ethiopia"),
        "{all:#?}"
    );
    assert!(
        !has(&g, "Yona Tesfaye", Relation::HoldsPositionIn, "Eritrea"),
        "{all:#?}"
    );
    // A copula before an office of nobody named: no office for the name before it.
    assert!(office_rule(&g, "Mke", "Tanzania").is_none());

    // Condemning an attack condemns its author; arming a party supports it.
    let g = extract(
        "Vita\n\n\
         Kenya imelaani shambulio la Urusi dhidi ya Ukraine. \
         Uganda imelaani mashambulizi ya waasi nchini Somalia.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Kenya", Relation::Criticized, "Russia"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        !has(&g, "Uganda", Relation::Criticized, "Somalia"),
        "{:#?}",
        edges(&g)
    );
    let g = extract(
        "War\n\nThe United States sent weapons to Ukraine. Kenya's armed forces left Somalia.",
        Lang::En,
    );
    assert!(
        has(&g, "United States", Relation::Supports, "Ukraine"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        !has(&g, "Kenya", Relation::Supports, "Somalia"),
        "{:#?}",
        edges(&g)
    );
    // A demonym before the state's forces or government is the state acting; before an
    // office it stays the office's state.
    let g = extract(
        "War\n\nRussian forces invaded Ukraine. The Kenyan government criticised Uganda. \
         Japanese Foreign Minister Taro Kono met Kenyan President Daudi Kiprono.",
        Lang::En,
    );
    assert!(
        has(&g, "Russia", Relation::Attacked, "Ukraine"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Kenya", Relation::Criticized, "Uganda"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Taro Kono", Relation::MetWith, "Daudi Kiprono"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        !has(&g, "Japan", Relation::MetWith, "Kenya"),
        "{:#?}",
        edges(&g)
    );

    // A demonstrative between the office and its organisation refers back.
    let g = extract(
        "Ziara\n\n\
         Katibu Mkuu wa NATO Erik Lund aliwasili Nairobi. \
         Mkuu huyo wa NATO alikutana na Rais wa Kenya Daudi Kiprono.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Erik Lund", Relation::MetWith, "Daudi Kiprono"),
        "{:#?}",
        edges(&g)
    );

    let g = extract(
        "Summit\n\n\
         The chairman of the African Union, President Pascal Ilunga of DR Congo, opened the summit. \
         Omari Juma was the fifth president of Zambia. \
         Salome Wanjiru, who is the foreign minister of Uganda, spoke. \
         Leaders such as Festo Mbwana (Burundi) and Ali Sefu (Rwanda) signed.",
        Lang::En,
    );
    let all = edges(&g);
    assert!(
        has(
            &g,
            "Pascal Ilunga",
            Relation::HoldsPositionIn,
            "African Union"
        ),
        "{all:#?}"
    );
    assert!(has(
        &g,
        "Pascal Ilunga",
        Relation::HoldsPositionIn,
        "Democratic Republic of the Congo"
    ));
    assert_eq!(
        office_rule(&g, "Omari Juma", "Zambia").as_deref(),
        Some("position:former-title-of-entity"),
        "{all:#?}"
    );
    assert!(
        has(&g, "Salome Wanjiru", Relation::HoldsPositionIn, "Uganda"),
        "{all:#?}"
    );
    assert!(
        has(&g, "Festo Mbwana", Relation::HoldsPositionIn, "Burundi"),
        "{all:#?}"
    );
}

#[test]
fn an_alliance_named_by_its_body_and_sanctions_threatened_not_done() {
    // "muungano wa AUKUS" is AUKUS, as "serikali ya Uganda" is Uganda.
    let g = extract(
        "Mvutano\n\nSerikali ya China imekashifu vikali muungano wa AUKUS.",
        Lang::Sw,
    );
    assert!(
        has(&g, "China", Relation::Criticized, "AUKUS"),
        "{:#?}",
        edges(&g)
    );
    // Sanctions or an attack after a verb of threatening are threatened, not done.
    let g = extract(
        "Mvutano\n\nRais wa Marekani Tom Hill alitishia kuiwekea vikwazo Urusi. \
         Urusi ilitishia kuishambulia Ukraine. Urusi haikutishia kuishambulia Georgia.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Tom Hill", Relation::Threatened, "Russia"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Russia", Relation::Threatened, "Ukraine"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        none_of(&g, &[Relation::Sanctioned, Relation::Attacked]),
        "{:#?}",
        edges(&g)
    );
    assert!(
        !has(&g, "Russia", Relation::Threatened, "Georgia"),
        "{:#?}",
        edges(&g)
    );
    // They carry the CAMEO code of threats (`tishia` in the triggers), not of the act.
    let cameos: Vec<Option<&str>> = g
        .graph
        .edge_weights()
        .filter(|e| e.relation == Relation::Threatened)
        .map(|e| e.cameo.as_deref())
        .collect();
    assert!(
        !cameos.is_empty() && cameos.iter().all(|c| *c == Some("130")),
        "{cameos:?}"
    );
}

#[test]
fn a_noun_of_attack_or_sanctions_takes_the_agent_of_a_passive_verb_after_it() {
    let g = extract(
        "Vita\n\nMashambulizi yaliyofanywa na Urusi nchini Ukraine yaliua watu kumi. \
         Vikwazo vilivyowekwa na Marekani dhidi ya Iran vimeanza.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Russia", Relation::Attacked, "Ukraine"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "United States", Relation::Sanctioned, "Iran"),
        "{:#?}",
        edges(&g)
    );
    // Not done: denied, or only to come.
    let g = extract(
        "Vita\n\nMashambulizi hayakufanywa na Urusi nchini Ukraine. \
         Mashambulizi yatafanywa na Urusi nchini Georgia.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Attacked]), "{:#?}", edges(&g));
}

#[test]
fn hopes_resolutions_and_conditions_are_not_told_as_done() {
    let g = extract(
        "Mkutano\n\n\
         Ethiopia inatumai kutumia mkutano huu kusaini makubaliano na Urusi. \
         Bunge la Ulaya limepitisha azimio la kuiwekea vikwazo Tanzania. \
         Iwapo India itasema kitu au kuunga mkono Ukraine, basi kutakuwa na mpasuko. \
         Rais wa Kenya Juma Ali aliomba kukutana na Rais wa Uganda Tom Okello.",
        Lang::Sw,
    );
    assert!(
        none_of(
            &g,
            &[
                Relation::SignedAgreementWith,
                Relation::Sanctioned,
                Relation::Supports,
                Relation::MetWith
            ]
        ),
        "{:#?}",
        edges(&g)
    );
    // Agreeing to use a meeting to sign is still told; so is a meeting before a condition's
    // comma.
    let g = extract(
        "Mkutano\n\n\
         Kenya imekubali kutumia mkutano huo kusaini makubaliano na Uganda. \
         Kenya ilikutana na Tanzania, iwapo ripoti ni sahihi.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Kenya", Relation::SignedAgreementWith, "Uganda"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Kenya", Relation::MetWith, "Tanzania"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn speaking_with_someone_is_a_meeting_only_between_public_parties() {
    let g = extract(
        "Mahojiano\n\n\
         Waziri wa zamani Juma Hamisi amezungumza na Neema Saidi kuhusu uamuzi huo. \
         Rais wa Kenya Daudi Kiprono amezungumza na Rais wa Uganda Tom Okello kwa simu. \
         Kenya imezungumza na Tanzania kuhusu mpaka.",
        Lang::Sw,
    );
    assert!(
        !has(&g, "Juma Hamisi", Relation::MetWith, "Neema Saidi"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Daudi Kiprono", Relation::MetWith, "Tom Okello"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Kenya", Relation::MetWith, "Tanzania"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn a_regnal_number_keeps_two_popes_apart() {
    let g = extract(
        "Ziara za Papa\n\n\
         Wa kwanza alikuwa Papa Paul VI aliyezuru Uganda mwaka 1969. \
         Baadaye Papa John Paul II alizuru Kenya mwaka 1980.",
        Lang::Sw,
    );
    let people = person_labels(&g);
    assert!(people.contains(&"Paul VI".to_string()), "{people:?}");
    assert!(people.contains(&"John Paul II".to_string()), "{people:?}");
    assert!(
        has(&g, "Paul VI", Relation::Visited, "Uganda"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        !has(&g, "John Paul II", Relation::Visited, "Uganda"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn a_name_ending_in_a_word_for_an_organisation_is_no_person() {
    let g = extract(
        "Utafiti\n\n\
         Kwa mujibu wa utafiti wa Pew Research Center, wengi wanaunga mkono mpango huo. \
         Mtaalamu Juma Hamisi aliliambia gazeti la Liverpool Echo kwamba hali ni tete.",
        Lang::Sw,
    );
    let people = person_labels(&g);
    assert!(
        !people
            .iter()
            .any(|p| p.contains("Center") || p.contains("Echo")),
        "{people:?}"
    );
    assert!(people.contains(&"Juma Hamisi".to_string()), "{people:?}");
}

#[test]
fn a_government_named_by_its_capital_and_an_attack_with_a_clause_before_its_target() {
    let g = extract(
        "Libya\n\n\
         Misri imeikosoa serikali ya Tripoli. \
         Jenerali Omari Haji aliongoza vikosi vya mashariki. \
         Mamluki walihusika katika mashambulizi ya Haji yaliyopelekea vikosi hivyo kufanikiwa dhidi ya serikali rasmi mjini Tripoli mwaka 2019. \
         Wanajeshi walikutana mjini Tripoli.",
        Lang::Sw,
    );
    assert!(
        has(&g, "Egypt", Relation::Criticized, "Libya"),
        "{:#?}",
        edges(&g)
    );
    assert!(
        has(&g, "Omari Haji", Relation::Attacked, "Libya"),
        "{:#?}",
        edges(&g)
    );
    // The attack denied by the verb inside the phrase.
    let g = extract(
        "Vita\n\nMashambulizi ya Urusi hayakufanyika dhidi ya Ukraine.",
        Lang::Sw,
    );
    assert!(none_of(&g, &[Relation::Attacked]), "{:#?}", edges(&g));
}
