import Foundation

extension DemoData {
    /// The register: the secretariat, the institutions (the city, the chamber, two banks, a
    /// recruiting company, the public employment office) and member firms of every size class
    /// in many industries. Fictional firms' corporate numbers carry valid check digits.
    static let organizations = """
        code,kind,name,corporate_number,local_government_code,prefecture_code,jsic_division,sme_sector,capital_yen,employees
        tsubameito,company,株式会社つばめいと,7110002019384,,15,L,services,10000000,12
        tsubame-city,municipality,燕市,,152137,15,S,,,
        tsubame-cci,chamber_of_commerce,燕商工会議所,,,15,,,,
        daishi-hokuetsu,regional_bank,第四北越銀行,,,15,J,,32776000000,2900
        kyoei-shinkumi,credit_cooperative,協栄信用組合,,,15,J,,,
        demo-seimitsu,company,燕精密工業株式会社,4110001000001,,15,E,manufacturing_other,30000000,85
        demo-kinzoku,company,三条金属加工株式会社,3110001000002,,15,E,manufacturing_other,10000000,18
        demo-youshoku,company,株式会社洋食器つばめ,2110001000003,,15,E,manufacturing_other,50000000,140
        demo-shoji,company,燕商事株式会社,1110001000004,,15,I,wholesale,20000000,30
        demo-soft,company,株式会社ツバメソフト,9110001000005,,15,G,services,5000000,9
        demo-ryokan,company,株式会社燕温泉旅館,8110001000006,,15,M,services,3000000,16
        demo-kensetsu,company,燕建設株式会社,7110001000007,,15,D,manufacturing_other,400000000,420
        demo-hamono,company,株式会社燕刃物製作所,3110001000101,,15,E,manufacturing_other,10000000,12
        demo-kenma,company,有限会社研磨の匠,2110001000102,,15,E,manufacturing_other,3000000,6
        demo-press,company,燕プレス工業株式会社,1110001000103,,15,E,manufacturing_other,48000000,64
        demo-kanagata,company,株式会社県央金型,9110001000104,,15,E,manufacturing_other,20000000,38
        demo-cutlery,company,株式会社つばめカトラリー,8110001000105,,15,E,manufacturing_other,90000000,210
        demo-tableware,company,燕テーブルウェア株式会社,7110001000106,,15,E,manufacturing_other,30000000,45
        demo-silver,company,株式会社シルバー工房燕,6110001000107,,15,E,manufacturing_other,5000000,9
        demo-housewares,company,燕ハウスウェア株式会社,5110001000108,,15,E,manufacturing_other,350000000,680
        demo-global,company,株式会社グローバル金属ホールディングス,4110001000109,,15,E,manufacturing_other,5000000000,2600
        demo-yousetsu,company,株式会社燕溶接,2110001000110,,15,E,manufacturing_other,10000000,22
        demo-hyomen,company,表面処理テック株式会社,1110001000111,,15,E,manufacturing_other,25000000,55
        demo-koumuten,company,株式会社吉田工務店,9110001000112,,15,D,manufacturing_other,20000000,15
        demo-setsubi,company,県央設備工業株式会社,8110001000113,,15,D,manufacturing_other,40000000,48
        demo-unyu,company,燕三条運輸株式会社,7110001000114,,15,H,manufacturing_other,30000000,120
        demo-souko,company,株式会社つばめ倉庫,6110001000115,,15,H,manufacturing_other,10000000,19
        demo-oroshi,company,燕金物卸株式会社,5110001000116,,15,I,wholesale,60000000,42
        demo-marche,company,株式会社つばめマルシェ,4110001000117,,15,I,retail,10000000,4
        demo-homecenter,company,株式会社県央ホームセンター,3110001000118,,15,I,retail,80000000,160
        demo-system,company,株式会社燕システム開発,2110001000119,,15,G,services,10000000,28
        demo-web,company,合同会社つばめWebデザイン,9110001000120,,15,G,services,1000000,3
        demo-design,company,株式会社プロダクトデザイン燕,8110001000121,,15,L,services,5000000,7
        demo-hotel,company,株式会社燕三条駅前ホテル,7110001000122,,15,M,services,10000000,18
        demo-ramen,company,株式会社背脂ラーメン燕,6110001000123,,15,M,retail,3000000,12
        demo-fukushi,other,社会福祉法人つばめ福祉会,5110001000124,,15,P,services,,95
        demo-clinic,other,医療法人燕クリニック,4110001000125,,15,P,services,,30
        demo-salon,company,株式会社ヘアサロンつばめ,3110001000126,,15,N,services,3000000,4
        demo-keibi,company,燕警備保障株式会社,2110001000127,,15,R,services,10000000,140
        demo-fudousan,company,燕不動産株式会社,1110001000128,,15,K,manufacturing_other,10000000,8
        demo-nouen,company,株式会社つばめ農園,9110001000129,,15,A,manufacturing_other,5000000,11
        demo-recycle,company,株式会社燕リサイクル,7110001000130,,15,R,,,
        demo-lab,company,株式会社ツバメラボ,6110001000131,,15,,,,3
        demo-yahiko,company,株式会社弥彦観光,5110001000132,,15,M,services,10000000,25
        kencho-career,recruiting_company,株式会社県央キャリア,4110001000133,,15,R,services,20000000,40
        hellowork-sanjo,employment_office,三条公共職業安定所,,,15,S,,,
        sanjo-shinkin,shinkin_bank,三条信用金庫,,,15,J,,,
        niigata-yorozu,support_center,新潟県よろず支援拠点,,,15,R,,,
        demo-mikomi-hamono,company,三条打刃物株式会社,,,15,E,manufacturing_other,10000000,14
        demo-mikomi-shokuhin,company,燕食品工業株式会社,,,15,E,manufacturing_other,20000000,45
        """

    static let consortia = """
        code,name,prefecture_code,secretariat,established_on
        tsubame,燕市地域の人事部,15,tsubameito,2022-04-01
        """

    /// Firms come and go: one left before FY2024, one during it; several joined during it.
    /// demo-yahiko is registered but not a member (it asked for help before joining).
    static let memberships = """
        consortium,organization,role,joined_on,left_on,group
        tsubame,tsubame-city,institution,2022-04-01,,
        tsubame,tsubame-cci,institution,2022-04-01,,
        tsubame,daishi-hokuetsu,institution,2022-04-01,,
        tsubame,kyoei-shinkumi,institution,2022-04-01,,
        tsubame,demo-seimitsu,firm,2022-04-01,,金属加工クラブ
        tsubame,demo-kinzoku,firm,2022-04-01,,金属加工クラブ
        tsubame,demo-youshoku,firm,2022-06-01,,洋食器グループ
        tsubame,demo-shoji,firm,2023-04-01,,
        tsubame,demo-soft,firm,2023-04-01,,DX研究会
        tsubame,demo-ryokan,firm,2022-04-01,2024-03-31,
        tsubame,demo-kensetsu,firm,2024-04-01,,
        tsubame,kencho-career,institution,2023-04-01,,
        tsubame,hellowork-sanjo,institution,2022-04-01,,
        tsubame,demo-hamono,firm,2022-04-01,,金属加工クラブ
        tsubame,demo-kenma,firm,2022-04-01,,金属加工クラブ
        tsubame,demo-press,firm,2022-04-01,,金属加工クラブ
        tsubame,demo-kanagata,firm,2022-04-01,,金属加工クラブ
        tsubame,demo-cutlery,firm,2022-04-01,,洋食器グループ
        tsubame,demo-tableware,firm,2022-06-01,,洋食器グループ
        tsubame,demo-silver,firm,2023-04-01,,洋食器グループ
        tsubame,demo-housewares,firm,2022-04-01,,
        tsubame,demo-global,firm,2023-04-01,,
        tsubame,demo-yousetsu,firm,2023-04-01,,金属加工クラブ
        tsubame,demo-hyomen,firm,2024-07-01,,金属加工クラブ
        tsubame,demo-koumuten,firm,2022-04-01,,
        tsubame,demo-setsubi,firm,2023-04-01,,
        tsubame,demo-unyu,firm,2022-04-01,,
        tsubame,demo-souko,firm,2024-10-01,,
        tsubame,demo-oroshi,firm,2022-04-01,,
        tsubame,demo-marche,firm,2023-04-01,,
        tsubame,demo-homecenter,firm,2022-04-01,2024-09-30,
        tsubame,demo-system,firm,2022-04-01,,DX研究会
        tsubame,demo-web,firm,2024-07-01,,DX研究会
        tsubame,demo-design,firm,2023-04-01,,DX研究会
        tsubame,demo-hotel,firm,2022-04-01,,
        tsubame,demo-ramen,firm,2023-04-01,,
        tsubame,demo-fukushi,firm,2023-04-01,,
        tsubame,demo-clinic,firm,2024-04-01,,
        tsubame,demo-salon,firm,2023-04-01,,
        tsubame,demo-keibi,firm,2022-04-01,,
        tsubame,demo-fudousan,firm,2023-04-01,,
        tsubame,demo-nouen,firm,2024-04-01,,
        tsubame,demo-recycle,firm,2024-04-01,,
        tsubame,demo-lab,firm,2024-10-01,,DX研究会
        """
}
