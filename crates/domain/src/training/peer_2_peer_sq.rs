//! Peer 2 Peer in Albanian: the same plan as `CurriculumPlan::peer_2_peer`
//! (the same modules, sessions and order, so the roles' default training
//! applies to a copy of either), written for Albanian-speaking programmes.

use super::{CurriculumPlan, ModuleKind, ModulePlan, session};

impl CurriculumPlan {
    pub fn peer_2_peer_sq() -> CurriculumPlan {
        CurriculumPlan {
            key: "peer-2-peer-sq",
            name: "Peer 2 Peer (shqip)".into(),
            description: "Një kurs për njerëzit që duan ta përdorin përvojën e tyre të jetuar për të ecur krah të tjerëve. Fillon me një hap gatishmërie në shtëpi, pastaj tre module që mund të zhvillohen në çdo radhë ose më vete.".into(),
            stocktake: vec![
                "Çfarë po shkon mirë në jetën tuaj tani?".into(),
                "Çfarë është e vështirë për ju tani, dhe kush ose çfarë ju ndihmon kur është e vështirë?".into(),
                "Si kujdeseni për veten kur gjërat bëhen të vështira?".into(),
                "Pse doni të bëheni mbështetës/e bashkëmoshatar/e tani?".into(),
                "Çfarë do të donit nga njerëzit që e drejtojnë këtë kurs?".into(),
            ],
            modules: vec![
                ModulePlan {
                    kind: ModuleKind::Readiness,
                    title: "Para se të fillojmë: përgatitja për Peer 2 Peer".into(),
                    purpose: "Një kontroll i butë, në shtëpi, që tani është koha e duhur për të nisur rrugëtimin e mbështetjes bashkëmoshatare. Secili bën një vetëvlerësim personal dhe fillon ta shkruajë me qëllim historinë e vet të rimëkëmbjes, pastaj flet për të me një lehtësues.".into(),
                    builds_on: None,
                    sessions: vec![
                        session(
                            "Vetëvlerësimi juaj personal",
                            "- Vini re ku jeni sot: çfarë ju mbështet dhe çfarë ju rëndon.\n- Vendosni vetë nëse kjo është koha e mirë për të filluar.",
                            "U përgjigjuni pyetjeve të vetëvlerësimit në shtëpi, në kohën tuaj. Nuk ka përgjigje të sakta.",
                            "Vetëvlerësimi është i të trajnuarit. Ai/ajo zgjedh nëse e ndan; ju shihni vetëm që është bërë.\n\nNë bisedën e gatishmërisë, pyesni çfarë vunë re, jo çfarë shkruan. Dëgjoni nëse kanë mbështetje rreth vetes dhe mënyra për t'u kujdesur për veten kur kursi zgjon kujtime. \"Jo ende\" është një përgjigje me kujdes, jo një dështim: bini dakord kur do të flisni përsëri. Nëse dikush ka nevojë tani për më shumë se mbështetje bashkëmoshatare, shikoni bashkë listën e shërbimeve.",
                            "Merrni një gjysmë ore të qetë. U përgjigjuni çdo pyetjeje me sinqeritet, së pari për veten. Mund t'i ndryshoni përgjigjet deri në bisedën e gatishmërisë, dhe ju vendosni nëse lehtësuesi juaj i lexon.",
                        ),
                        session(
                            "Të shkruarit e historisë suaj të rimëkëmbjes",
                            "- Filloni ta tregoni historinë tuaj të rimëkëmbjes, me qëllim dhe me fjalët tuaja.\n- Zgjidhni çfarë është e juaja për ta ndarë dhe çfarë mbetet private.",
                            "Shkruani një draft të parë të historisë suaj të rimëkëmbjes. Ruhet ndërsa shkruani, dhe versionet e mëparshme mbahen.",
                            "Të shkruarit e historisë me qëllim është hapi i parë drejt ndarjes së saj në mënyrë të sigurt më vonë, kur i ndihmon dikujt tjetër. Inkurajoni të trajnuarit të shkruajnë për atë që i ndihmoi dhe çfarë mësuan, jo vetëm për atë që shkoi keq. Historia mbetet private përveç nëse e ndajnë; mos kërkoni kurrë ta lexoni.",
                            "Historia juaj e rimëkëmbjes është e juaja. Shkruani ku keni qenë, çfarë ju ndihmoi dhe çfarë mbani me vete tani. Askush tjetër nuk e lexon përveç nëse zgjidhni ta ndani. Ajo do të rritet gjatë kursit.",
                        ),
                    ],
                },
                ModulePlan {
                    kind: ModuleKind::Module,
                    title: "Moduli 1: Njohja me mbështetjen bashkëmoshatare".into(),
                    purpose: "Guri themeltar: çfarë do të thotë rimëkëmbja dhe mbështetja bashkëmoshatare, si krijojmë një vend të sigurt dhe konfidencial për të mësuar së bashku, dhe kush janë partnerët e programit. Lehtësuesit marrin pjesë si ekspertë me përvojë, jo si ekspertë me dije.".into(),
                    builds_on: None,
                    sessions: vec![
                        session(
                            "Një vend i sigurt dhe konfidencial për të mësuar",
                            "- Bini dakord së bashku si e mbajmë këtë grup të sigurt dhe konfidencial.\n- Dini çfarë ndodh kur dikush shqetësohet për sigurinë.",
                            "Mirëseardhja dhe prezantimet. Ndërtoni marrëveshjen e grupit së bashku. Flisni për kufijtë e konfidencialitetit.",
                            "Njerëzit mësojnë për gjëra personale vetëm kur ndihen të sigurt. Lëreni grupin ta shkruajë vetë marrëveshjen dhe kthehuni tek ajo në çdo seancë. Jini të qartë që konfidencialiteti ka kufij: nëse dikush rrezikon dëmtim, veprojmë, dhe e themi këtë që në fillim.",
                            "Marrëveshja e grupit tonë, e shkruar së bashku, dhe me kë të flisni nëse shqetësoheni për veten ose për dikë tjetër.",
                        ),
                        session(
                            "Çfarë do të thotë rimëkëmbja",
                            "- Përshkruani rimëkëmbjen si një rrugëtim personal dhe jo si një pikë mbërritjeje.\n- Njihni shpresën si tokën nga e cila rritet rimëkëmbja.",
                            "Në çifte, flisni për një kohë kur diçka ju ndihmoi t'ia dilnit. Ndani temat me grupin.",
                            "Rimëkëmbja këtu do të thotë të jetosh një jetë të kënaqshme e me shpresë, me ose pa simptoma. Është personale dhe nuk ecën në vijë të drejtë. Ndani diçka nga rrugëtimi juaj nëse ndihmon: të treguarit me shembull është një qasje bashkëmoshatare.",
                            "Rimëkëmbja është personale. Ka të bëjë me shpresën, zgjedhjen dhe një jetë që e ndien si tënden.",
                        ),
                        session(
                            "Çfarë është mbështetja bashkëmoshatare, dhe kush janë partnerët",
                            "- Shpjegoni çfarë e bën mbështetjen bashkëmoshatare të ndryshme nga ndihma klinike.\n- Emërtoni partnerët e programit dhe çfarë sjell secili.",
                            "Renditni kartat e roleve të mbështetjes në mbështetje bashkëmoshatare, shërbime për studentët dhe kujdes klinik. Njihuni me partnerët.",
                            "Mbështetja bashkëmoshatare mbështetet te përvoja e përbashkët e jetuar dhe te reciprociteti: të ecësh krah dikujt në vend që ta \"rregullosh\". Ajo qëndron pranë shërbimeve klinike dhe atyre për studentët, jo në vend të tyre. Jini gati të shpjegoni ku përshtatet secili partner dhe si funksionojnë referimet.",
                            "Mbështetja bashkëmoshatare do të thotë të ecësh krah dikujt me një përvojë të ngjashme. Ajo punon pranë shërbimeve të tjera, dhe ju do të dini si t'i drejtoni njerëzit tek to.",
                        ),
                    ],
                },
                ModulePlan {
                    kind: ModuleKind::Module,
                    title: "Moduli 2: Marrëdhënia e mbështetjes bashkëmoshatare".into(),
                    purpose: "Vlerat, marrëdhëniet, kufijtë dhe rreziqet në mbështetjen bashkëmoshatare, dhe rimëkëmbja si një mendësi që fuqizon: një identitet që fuqizon, pikat e forta dhe modeli CHIME (Lidhja, Shpresa, Identiteti, Kuptimi, Fuqizimi). Ndërtohet mbi Modulin 1 dhe funksionon edhe më vete.".into(),
                    builds_on: Some(1),
                    sessions: vec![
                        session(
                            "Vlerat dhe marrëdhënia bashkëmoshatare",
                            "- Emërtoni vlerat që udhëheqin një marrëdhënie bashkëmoshatare, me reciprocitetin në krye.\n- Vini re si ndryshon një marrëdhënie bashkëmoshatare nga miqësia dhe nga një marrëdhënie profesionale.",
                            "Grupe të vogla vendosin vlerat në një vijë nga \"gjithmonë\" në \"kurrë\" dhe flasin për rastet e vështira.",
                            "Reciprociteti do të thotë që të dy mësojnë nga njëri-tjetri. Ai nuk e heq nevojën për kufij të qartë. Nëse e zhvilloni këtë modul më vete, përmblidhni shkurt rimëkëmbjen dhe mbështetjen bashkëmoshatare nga Moduli 1.",
                            "Vlerat që mbajmë në mbështetjen bashkëmoshatare, dhe si duket reciprociteti në praktikë.",
                        ),
                        session(
                            "Kufijtë dhe rreziqet",
                            "- Vendosni dhe mbani kufij që i mbrojnë të dy njerëzit.\n- Njihni shenjat e rrezikut dhe dini rrugën drejt ndihmës.",
                            "Skenarë në treshe: një mbështetës, një bashkëmoshatar, një vëzhgues. Vizatoni rrugën e krizës në mur.",
                            "Kufijtë kanë të bëjnë me atë që mund të ofrojmë në mënyrë të qëndrueshme. Kaloni hap pas hapi rrugën e krizës së organizatës, përfshirë numrat jashtë orarit. Kujtojuni të trajnuarve që kujdesi për veten është pjesë e rolit.",
                            "Si t'i mbani kufijtë me mirësi, çfarë të bëni kur dikush mund të jetë në rrezik, dhe si të kujdeseni për veten.",
                        ),
                        session(
                            "Pikat e forta, identiteti dhe CHIME",
                            "- Përshkruani një identitet që fuqizon, të ndërtuar mbi pikat e forta.\n- Përdorni pesë temat e CHIME për të reflektuar mbi rimëkëmbjen.",
                            "Kartat e pikave të forta. Secili e vendos veten në pesë temat e CHIME, privatisht, dhe vëren çfarë ka lëvizur.",
                            "CHIME vjen nga kërkimet mbi atë që ka rëndësi në rimëkëmbjen personale: Lidhja, Shpresa, Identiteti, Kuptimi dhe Fuqizimi. Përdoreni si pasqyrë, kurrë si notë. Përgjigjet janë private; grupi sheh vetëm mesataret.",
                            "Pesë temat e CHIME, dhe një hapësirë për të vënë re pikat tuaja të forta.",
                        ),
                    ],
                },
                ModulePlan {
                    kind: ModuleKind::Module,
                    title: "Moduli 3: Konceptet dhe praktika bashkëmoshatare".into(),
                    purpose: "Vënia në praktikë e njohurive dhe aftësive bashkëmoshatare për të mbështetur rrugëtimin e rimëkëmbjes së dikujt tjetër. Ndërtohet mbi Modulin 2 dhe funksionon edhe më vete.".into(),
                    builds_on: Some(2),
                    sessions: vec![
                        session(
                            "Të dëgjuarit dhe të ndarit me qëllim",
                            "- Dëgjoni me empati dhe pa nxituar për të rregulluar.\n- Ndani historinë tuaj me qëllim, kur i ndihmon personit tjetër.",
                            "Praktikë në çifte: të dëgjuarit, të pasqyruarit e asaj që u tha, dhe një ndarje e shkurtër me qëllim.",
                            "Të ndarit me qëllim pyet: a është kjo për të apo për mua? Mbajini ndarjet të shkurtra dhe kthejeni vëmendjen tek tjetri. Tregojeni vetë me shembull para se t'u kërkoni të trajnuarve ta provojnë.",
                            "Mënyra për të dëgjuar mirë, dhe pyetje për t'i bërë vetes para se të ndani historinë tuaj.",
                        ),
                        session(
                            "Vënia në praktikë",
                            "- Planifikoni një bisedë të parë bashkëmoshatare nga fillimi në fund.\n- Dini si funksionojnë mbikëqyrja dhe mbështetja për mbështetësit bashkëmoshatarë.",
                            "Luani me role një bisedë të parë në treshe. Planifikoni hapat e ardhshëm dhe te kush shkoni për mbikëqyrje.",
                            "Mbylleni kursin duke e lidhur praktikën me mbështetjen: mbikëqyrja, bisedat pas seancave dhe lista e shërbimeve. Festoni atë që grupi ka mësuar së bashku.",
                            "Një listë kontrolli për bisedat tuaja të para bashkëmoshatare dhe kush ju mbështet në rol.",
                        ),
                    ],
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The roles' default training points at modules and sessions by place,
    /// so both languages must have the same shape.
    #[test]
    fn the_albanian_plan_has_the_shape_of_the_english_one() {
        let (en, sq) = (
            CurriculumPlan::peer_2_peer(),
            CurriculumPlan::peer_2_peer_sq(),
        );
        assert_ne!(en.key, sq.key);
        assert_eq!(en.stocktake.len(), sq.stocktake.len());
        assert_eq!(en.modules.len(), sq.modules.len());
        for (e, s) in en.modules.iter().zip(&sq.modules) {
            assert_eq!((e.kind, e.builds_on), (s.kind, s.builds_on));
            assert_eq!(e.sessions.len(), s.sessions.len());
            for session in &s.sessions {
                for text in [
                    &session.title,
                    &session.learning_intentions,
                    &session.activities,
                    &session.mini_knowledge,
                    &session.handout,
                ] {
                    assert!(!text.trim().is_empty());
                }
            }
        }
    }
}
