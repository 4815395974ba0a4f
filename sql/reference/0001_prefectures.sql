-- Bureaus (経済産業局) and prefectures (JIS X 0401). Facts, so re-applying overwrites.
INSERT INTO bureaus (code, name_ja, sort_order) VALUES
    ('hokkaido', '北海道経済産業局', 1), ('tohoku', '東北経済産業局', 2), ('kanto', '関東経済産業局', 3),
    ('chubu', '中部経済産業局', 4), ('kinki', '近畿経済産業局', 5), ('chugoku', '中国経済産業局', 6),
    ('shikoku', '四国経済産業局', 7), ('kyushu', '九州経済産業局', 8), ('okinawa', '沖縄総合事務局', 9)
ON CONFLICT (code) DO UPDATE SET name_ja = EXCLUDED.name_ja, sort_order = EXCLUDED.sort_order;

INSERT INTO prefectures (code, name_ja, bureau) VALUES
    (1, '北海道', 'hokkaido'), (2, '青森県', 'tohoku'), (3, '岩手県', 'tohoku'), (4, '宮城県', 'tohoku'),
    (5, '秋田県', 'tohoku'), (6, '山形県', 'tohoku'), (7, '福島県', 'tohoku'), (8, '茨城県', 'kanto'),
    (9, '栃木県', 'kanto'), (10, '群馬県', 'kanto'), (11, '埼玉県', 'kanto'), (12, '千葉県', 'kanto'),
    (13, '東京都', 'kanto'), (14, '神奈川県', 'kanto'), (15, '新潟県', 'kanto'), (16, '富山県', 'chubu'),
    (17, '石川県', 'chubu'), (18, '福井県', 'kinki'), (19, '山梨県', 'kanto'), (20, '長野県', 'kanto'),
    (21, '岐阜県', 'chubu'), (22, '静岡県', 'kanto'), (23, '愛知県', 'chubu'), (24, '三重県', 'chubu'),
    (25, '滋賀県', 'kinki'), (26, '京都府', 'kinki'), (27, '大阪府', 'kinki'), (28, '兵庫県', 'kinki'),
    (29, '奈良県', 'kinki'), (30, '和歌山県', 'kinki'), (31, '鳥取県', 'chugoku'), (32, '島根県', 'chugoku'),
    (33, '岡山県', 'chugoku'), (34, '広島県', 'chugoku'), (35, '山口県', 'chugoku'), (36, '徳島県', 'shikoku'),
    (37, '香川県', 'shikoku'), (38, '愛媛県', 'shikoku'), (39, '高知県', 'shikoku'), (40, '福岡県', 'kyushu'),
    (41, '佐賀県', 'kyushu'), (42, '長崎県', 'kyushu'), (43, '熊本県', 'kyushu'), (44, '大分県', 'kyushu'),
    (45, '宮崎県', 'kyushu'), (46, '鹿児島県', 'kyushu'), (47, '沖縄県', 'okinawa')
ON CONFLICT (code) DO UPDATE SET name_ja = EXCLUDED.name_ja, bureau = EXCLUDED.bureau;
