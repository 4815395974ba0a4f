import Foundation

extension DemoData {
    /// FY2024 (令和6年度): events of every kind with participants by segment and the member
    /// organisations that took part.
    static let events = """
        code,consortium,kind,title,starts_on,ends_on,venue,online,firms,participants_student,participants_new_graduate,participants_uij_turn,participants_side_job_professional,participants_latent_worker,participants_employee,participants_other
        R6-01,tsubame,council,令和6年度 第1回協議会（総会）,2024-04-18,,燕市役所 大会議室,なし,tsubame-city;tsubame-cci;daishi-hokuetsu;kyoei-shinkumi;demo-seimitsu;demo-press;demo-cutlery;demo-system,,,,,,28,
        R6-02,tsubame,seminar,経営者向け人材戦略セミナー,2024-05-22,,燕三条地場産業振興センター,なし,demo-seimitsu;demo-kinzoku;demo-youshoku;demo-hamono;demo-kenma;demo-press;demo-kanagata;demo-koumuten;demo-unyu;demo-oroshi;demo-hotel;demo-keibi,,,,,,34,6
        R6-03,tsubame,joint_recruiting,燕三条 合同企業説明会,2024-06-08,,燕三条地場産業振興センター,なし,demo-seimitsu;demo-youshoku;demo-press;demo-kanagata;demo-cutlery;demo-tableware;demo-housewares;demo-global;demo-system;demo-kensetsu;demo-unyu;demo-oroshi;demo-homecenter;demo-fukushi;demo-hotel,46,12,9,,,,
        R6-04,tsubame,training,若手社員合同研修,2024-07-04,2024-07-05,燕商工会議所 研修室,なし,demo-seimitsu;demo-kinzoku;demo-press;demo-kanagata;demo-cutlery;demo-youshoku;demo-system;demo-kensetsu,,,,,,36,
        R6-05,tsubame,side_job_matching,副業人材マッチング会,2024-07-20,,,あり,demo-seimitsu;demo-kinzoku;demo-shoji;demo-tableware;demo-hotel;demo-design,,,,17,,,
        R6-06,tsubame,internship,夏の合同インターンシップ,2024-08-19,2024-08-30,参加企業各社,なし,demo-seimitsu;demo-press;demo-cutlery;demo-system,14,,,,,,
        R6-07,tsubame,internship,ものづくり工場見学ツアー,2024-09-10,,燕市内の工場,なし,demo-hamono;demo-kenma;demo-yousetsu;demo-hyomen;demo-housewares,22,,,,,,
        R6-08,tsubame,seminar,副業人材活用セミナー,2024-09-12,,,あり,demo-kinzoku;demo-shoji;demo-silver;demo-design;demo-web;demo-marche,,,,,,22,3
        R6-09,tsubame,training,DXリスキリング講座（全4回）,2024-10-03,2024-10-24,燕市産業史料館,なし,demo-system;demo-web;demo-press;demo-unyu;demo-souko;demo-oroshi,,,,,,24,
        R6-10,tsubame,retention,企業間同期会,2024-10-25,,燕三条駅前ホテル,なし,demo-seimitsu;demo-press;demo-cutlery;demo-youshoku;demo-kensetsu;demo-system,,,,,,27,
        R6-11,tsubame,secondment,在籍型出向（燕精密工業→三条金属加工）,2024-11-01,2025-01-31,,なし,demo-seimitsu;demo-kinzoku,,,,,,2,
        R6-12,tsubame,joint_recruiting,東京UIJターン相談会,2024-11-16,,東京交通会館（有楽町）,なし,demo-housewares;demo-oroshi;demo-kanagata;demo-kensetsu;demo-fukushi;demo-global;demo-setsubi;demo-system,,,31,,,,4
        R6-13,tsubame,training,管理職向けマネジメント研修,2025-01-15,,燕商工会議所 研修室,なし,demo-seimitsu;demo-cutlery;demo-housewares;demo-keibi;demo-unyu,,,,,,19,
        R6-14,tsubame,seminar,採用ブランディング講座,2025-01-23,,,あり,demo-hyomen;demo-setsubi;demo-ramen;demo-salon;demo-clinic;demo-nouen;demo-lab,,,,,,18,
        R6-15,tsubame,joint_recruiting,オンライン企業説明会,2025-02-06,,,あり,demo-seimitsu;demo-press;demo-system;demo-fukushi;demo-clinic,28,6,,,,,
        R6-16,tsubame,internship,春の実践型インターンシップ,2025-02-17,2025-02-28,参加企業各社,なし,demo-kanagata;demo-housewares,9,,,,,,
        R6-17,tsubame,retention,入社1年目フォロー面談会,2025-03-07,,,あり,demo-seimitsu;demo-press;demo-cutlery;demo-youshoku;demo-kensetsu,,,,,2,21,
        R6-18,tsubame,council,令和6年度 第2回協議会,2025-03-19,,燕市役所 大会議室,なし,tsubame-city;tsubame-cci;daishi-hokuetsu;kyoei-shinkumi;kencho-career;demo-seimitsu;demo-system,,,,,,25,
        """

    /// FY2024 placements: full-time hires (some left within 12 months, one just after),
    /// side jobs from the matching event, interns from two internship events, a secondment
    /// and contracts. Person references are pseudonyms; no names.
    static let placements = """
        consortium,firm,person_ref,employment_type,started_on,ended_on,segment,job_category,event
        tsubame,demo-seimitsu,TB24-001,full_time,2024-04-01,,new_graduate,production_quality,
        tsubame,demo-seimitsu,TB24-002,full_time,2024-04-01,2024-08-31,new_graduate,engineering_design,
        tsubame,demo-press,TB24-003,full_time,2024-04-01,,new_graduate,production_quality,
        tsubame,demo-cutlery,TB24-004,full_time,2024-04-01,,new_graduate,product_planning,
        tsubame,demo-youshoku,TB24-005,full_time,2024-04-01,,new_graduate,sales,
        tsubame,demo-system,TB24-006,full_time,2024-07-01,,uij_turn,it_engineer,R6-03
        tsubame,demo-kanagata,TB24-007,full_time,2024-07-16,2025-10-31,uij_turn,engineering_design,R6-03
        tsubame,demo-kensetsu,TB24-008,full_time,2024-10-01,,uij_turn,general_affairs,
        tsubame,demo-hotel,TB24-009,full_time,2024-10-15,2025-02-28,latent_worker,other,
        tsubame,demo-fukushi,TB24-010,full_time,2024-11-01,,latent_worker,other,
        tsubame,demo-housewares,TB24-011,full_time,2024-12-01,,uij_turn,sales,R6-12
        tsubame,demo-oroshi,TB24-012,full_time,2025-01-06,,uij_turn,sales,R6-12
        tsubame,demo-hyomen,TB24-013,full_time,2025-02-01,,other,production_quality,
        tsubame,demo-unyu,TB24-014,full_time,2025-03-01,2025-12-31,latent_worker,logistics_purchasing,
        tsubame,demo-seimitsu,TB24-101,side_job,2024-08-01,2025-01-31,side_job_professional,pr_marketing,R6-05
        tsubame,demo-kinzoku,TB24-102,side_job,2024-08-15,,side_job_professional,corporate_planning,R6-05
        tsubame,demo-shoji,TB24-103,side_job,2024-09-01,,side_job_professional,it_engineer,R6-05
        tsubame,demo-tableware,TB24-104,side_job,2024-09-01,2025-03-31,side_job_professional,pr_marketing,R6-05
        tsubame,demo-hotel,TB24-105,side_job,2024-10-01,,side_job_professional,pr_marketing,
        tsubame,demo-design,TB24-106,side_job,2024-11-01,,side_job_professional,human_resources,
        tsubame,demo-seimitsu,TB24-201,internship,2024-08-19,2024-08-30,student,production_quality,R6-06
        tsubame,demo-press,TB24-202,internship,2024-08-19,2024-08-30,student,engineering_design,R6-06
        tsubame,demo-cutlery,TB24-203,internship,2024-08-19,2024-08-30,student,product_planning,R6-06
        tsubame,demo-system,TB24-204,internship,2024-08-19,2024-08-30,student,it_engineer,R6-06
        tsubame,demo-kanagata,TB24-205,internship,2025-02-17,2025-02-28,student,engineering_design,R6-16
        tsubame,demo-housewares,TB24-206,internship,2025-02-17,2025-02-28,student,sales,R6-16
        tsubame,demo-kinzoku,TB24-301,secondment,2024-11-01,2025-01-31,employee,engineering_design,R6-11
        tsubame,demo-system,TB24-401,contract,2024-06-01,2024-11-30,other,it_engineer,
        tsubame,demo-soft,TB24-402,contract,2025-01-10,,side_job_professional,creative,
        """

    /// FY2024 consultations from seminars, banks, the chamber and directly, most referred to
    /// the bank, the recruiting company, the employment office or the credit cooperative, some
    /// leading to the placements above.
    static let consultations = """
        consortium,firm,consulted_on,channel,job_category,employment_type,referred_to,referred_on,placement_person_ref
        tsubame,demo-seimitsu,2024-04-10,direct,production_quality,full_time,,,
        tsubame,demo-system,2024-05-23,seminar,it_engineer,full_time,kencho-career,2024-05-28,TB24-006
        tsubame,demo-kanagata,2024-05-23,seminar,engineering_design,full_time,daishi-hokuetsu,2024-05-30,TB24-007
        tsubame,demo-hamono,2024-05-24,seminar,production_quality,full_time,hellowork-sanjo,2024-06-03,
        tsubame,demo-koumuten,2024-05-27,seminar,other,full_time,,,
        tsubame,demo-unyu,2024-05-29,seminar,logistics_purchasing,full_time,hellowork-sanjo,2024-06-05,
        tsubame,demo-oroshi,2024-06-12,bank,sales,full_time,daishi-hokuetsu,2024-06-20,
        tsubame,demo-kensetsu,2024-06-18,chamber,general_affairs,full_time,kencho-career,2024-06-25,TB24-008
        tsubame,demo-hotel,2024-07-02,direct,other,full_time,hellowork-sanjo,2024-07-09,TB24-009
        tsubame,demo-seimitsu,2024-07-08,support_center,pr_marketing,side_job,,,TB24-101
        tsubame,demo-kinzoku,2024-07-08,support_center,corporate_planning,side_job,,,TB24-102
        tsubame,demo-fukushi,2024-07-16,bank,other,full_time,kyoei-shinkumi,2024-07-22,TB24-010
        tsubame,demo-keibi,2024-07-30,chamber,general_affairs,full_time,hellowork-sanjo,2024-08-06,
        tsubame,demo-shoji,2024-08-05,bank,it_engineer,side_job,daishi-hokuetsu,2024-08-07,TB24-103
        tsubame,demo-housewares,2024-08-20,bank,sales,full_time,daishi-hokuetsu,2024-09-02,TB24-011
        tsubame,demo-tableware,2024-08-26,direct,pr_marketing,side_job,,,
        tsubame,demo-silver,2024-09-13,seminar,creative,side_job,kencho-career,2024-09-20,
        tsubame,demo-design,2024-09-13,seminar,human_resources,side_job,kencho-career,2024-09-24,TB24-106
        tsubame,demo-web,2024-09-17,seminar,it_engineer,contract,,,
        tsubame,demo-marche,2024-09-18,seminar,sales,full_time,,,
        tsubame,demo-yahiko,2024-09-25,chamber,sales,full_time,hellowork-sanjo,2024-10-01,
        tsubame,demo-oroshi,2024-10-08,bank,sales,full_time,kencho-career,2024-10-15,TB24-012
        tsubame,demo-setsubi,2024-10-15,bank,engineering_design,full_time,daishi-hokuetsu,2024-10-24,
        tsubame,demo-souko,2024-10-21,chamber,logistics_purchasing,full_time,,,
        tsubame,demo-hyomen,2024-11-05,bank,production_quality,full_time,kencho-career,2024-11-12,TB24-013
        tsubame,demo-global,2024-11-18,direct,research_development,full_time,kencho-career,2024-11-26,
        tsubame,demo-unyu,2024-12-03,bank,logistics_purchasing,full_time,daishi-hokuetsu,2024-12-10,TB24-014
        tsubame,demo-ramen,2024-12-09,chamber,other,full_time,,,
        tsubame,demo-lab,2024-12-16,support_center,it_engineer,side_job,,,
        tsubame,demo-soft,2024-12-20,direct,creative,contract,,,TB24-402
        tsubame,demo-hyomen,2025-01-24,seminar,human_resources,full_time,,,
        tsubame,demo-clinic,2025-01-24,seminar,other,full_time,hellowork-sanjo,2025-01-31,
        tsubame,demo-nouen,2025-01-27,seminar,sales,side_job,,,
        tsubame,demo-salon,2025-01-28,seminar,other,full_time,,,
        tsubame,demo-setsubi,2025-02-10,bank,general_affairs,full_time,kyoei-shinkumi,2025-02-18,
        tsubame,demo-kensetsu,2025-02-14,other,engineering_design,full_time,,,
        tsubame,demo-yousetsu,2025-03-04,chamber,production_quality,full_time,daishi-hokuetsu,2025-03-12,
        tsubame,demo-cutlery,2025-03-11,direct,product_planning,full_time,,,
        """
}
