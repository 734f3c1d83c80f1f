import Foundation

/// Clause text as published, made readable: full-width digits and letters to half-width, traditional
/// characters that list texts use to simplified ones, PDF line breaks inside a sentence removed, list
/// numbering at the start (一、 （一） 1） ① 1.1 …) dropped.
enum TextNormaliser {
    /// Traditional → simplified for the characters of admission lists (industries, effects, places);
    /// a list text in traditional characters reads like its simplified original.
    static let simplified: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs = "銨铵燒烧堿碱純纯濕湿國国結结導导錄录別别單单確确劇剧監监測测穩稳長长勞劳動动員员藝艺備备紅红斷断飲饮廳厅強强議议報报網网塵尘噸吨脫脱墾垦爾尔換换壓压減减勵励檢检種种獸兽殘残閉闭勢势團团幹干僅仅築筑絕绝錯错礙碍樓楼燈灯廣广歸归氫氢鋰锂矽硅鉻铬鎘镉釩钒鈷钴鑄铸鍛锻綿绵纖纤維维縫缝紉纫傢家飾饰膠胶輪轮釀酿醬酱糧粮麵面煙烟捲卷漬渍狀状況况規规範范圍围劃划緣缘產产擴扩嚴严禁禁區区園园內内業业項项製制鋼钢鐵铁電电鍍镀紙纸禁禁嚴严擴扩建建規规劃划區区園园內内範范圍围業业項项產产製制鋼钢鐵铁電电鍍镀紙纸藥药醫医農农煉炼礦矿採采磚砖養养殖殖險险廢废棄弃環环線线級级點点設设頭头碼码護护與与無无關关經经營营發发開开鹽盐塗涂漿浆織织紡纺氣气汙污爐炉鍋锅熱热廠厂應应須须準准許许類类學学體体質质專专錳锰鋁铝銅铜鉛铅鋅锌鎳镍錫锡銻锑汞汞屬属礎础際际態态護护濱滨灣湾陸陆線线條条們们讓让進进達达遠远選选這这還还邊边災灾復复係系統统續续總总權权歷历機机構构標标樣样權权準准場场陽阳陰阴隊队層层屆届貨货運运車车軍军農农鄉乡縣县鎮镇區区灘滩現现實实審审條条論论評评價价證证據据術术務务為为個个們们來来時时後后將将對对於于專专屬属並并們们從从這这東东亞亚傳传億亿優优會会們们兩两嚴严舊旧來来倉仓儲储費费資资質质產产濟济漁渔盤盘淨净滅灭潔洁灘滩災灾營营滲渗溝沟漲涨蓄蓄電电池池陶陶瓷瓷紗纱綫线織织續续總总綠绿縮缩繪绘羅罗聯联肅肃脅胁腳脚臨临興兴舉举舊旧莊庄萬万葉叶蘇苏蘭兰處处號号蟲虫衛卫補补裝装裡里複复見见覽览觀观計计訂订記记設设許许診诊詞词試试詳详認认說说請请調调談谈諮咨謀谋護护讀读變变貝贝負负財财責责貨货販贩貴贵買买費费貿贸賃赁資资賣卖質质購购贊赞趕赶趙赵跡迹軌轨軟软較较載载輔辅輕轻輸输轉转辦办農农遷迁遺遗適适選选還还邊边郵邮鄉乡醫医釋释鋪铺錄录錢钱鍊炼鏈链門门開开閒闲間间閘闸閥阀關关陣阵陳陈隊队陽阳際际隱隐雜杂雙双雞鸡離离雲云電电靈灵預预領领頻频題题顏颜風风飛飞餘余館馆駐驻驗验體体髒脏鬥斗魚鱼鮮鲜鳥鸟鹼碱麥麦黃黄點点齊齐齒齿龍龙違违則则額额細细組组寬宽擬拟"
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        var iterator = pairs.unicodeScalars.makeIterator()
        while let traditional = iterator.next(), let simple = iterator.next() {
            if traditional != simple { map[traditional] = simple }
        }
        return map
    }()

    static func normalise(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                // Full-width digits and Latin letters.
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0xFF0E: out.append(".")
            case 0x3000: out.append(" ")
            default:
                out.unicodeScalars.append(scalar.value < 0x3400 ? scalar : simplified[scalar] ?? scalar)
            }
        }
        return fullStops(removeBreaks(out))
    }

    /// A Latin full stop between two Chinese characters ends a sentence (项目.粘土空心砖项目, as tables
    /// copied from web pages write it); between digits it is a decimal point and stays.
    static func fullStops(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var scalars = Array(text.unicodeScalars)
        for index in scalars.indices.dropFirst().dropLast() where scalars[index] == "." {
            if isCJK(scalars[index - 1]) && !(0x3000...0x303F).contains(scalars[index - 1].value) && isCJK(scalars[index + 1]) { scalars[index] = "。" }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Line breaks and blanks between two Chinese characters (a PDF's line ends) are dropped; other
    /// runs of white space become one blank.
    static func removeBreaks(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pending = true
                continue
            }
            if pending, let previous, !(isCJK(previous) || isCJK(scalar)) { out.append(" ") }
            pending = false
            out.append(scalar)
            previous = scalar
        }
        return String(out)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value) || (0xFF00...0xFFEF).contains(scalar.value)
    }


    static let chineseNumerals = "一二三四五六七八九十"
    static let circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

    /// The text without list numbering at its start: 一、 （一） (1) 1） 1. 1、 1.1 ① and combinations.
    static func dropNumbering(_ text: String) -> String {
        var rest = Substring(text)
        var changed = true
        while changed {
            changed = false
            rest = rest.drop { $0 == " " }
            if let first = rest.first, circled.contains(first) {
                rest = rest.dropFirst()
                changed = true
                continue
            }
            // （一） （1） (1)
            if let first = rest.first, first == "（" || first == "(" {
                let inside = rest.dropFirst().prefix { $0.isNumber || chineseNumerals.contains($0) }
                let after = rest.dropFirst(1 + inside.count)
                if !inside.isEmpty, let close = after.first, close == "）" || close == ")" {
                    rest = after.dropFirst()
                    changed = true
                    continue
                }
            }
            // 一、 十二、
            let numeral = rest.prefix { chineseNumerals.contains($0) }
            if !numeral.isEmpty, rest.dropFirst(numeral.count).first == "、" {
                rest = rest.dropFirst(numeral.count + 1)
                changed = true
                continue
            }
            // 1. 1、 1） 1) 1.1 1.1.2 1-2.
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
            // 1.1000万吨/年以下: item 1, then a figure (a decimal is not written with a one-digit whole part
            // and three or more places before a unit).
            if digits.count >= 5, digits.dropFirst().first == ".", digits.first?.isNumber == true,
               digits.dropFirst(2).allSatisfy(\.isNumber), let unit = rest.dropFirst(digits.count).first, !unit.isASCII {
                rest = rest.dropFirst(2)
                changed = false
                continue
            }
            if !digits.isEmpty, digits.first?.isNumber == true {
                let after = rest.dropFirst(digits.count)
                if let mark = after.first, "、）)．".contains(mark) {
                    rest = after.dropFirst()
                    changed = true
                } else if digits.last == "." && digits.count > 1 && after.first.map({ !$0.isNumber }) ?? false {
                    rest = after
                    changed = true
                } else if digits.contains(".") && after.first.map({ !$0.isNumber && !$0.isASCII }) ?? false {
                    // 1.1禁止…: a numbered sub-item written without a mark after it.
                    rest = after
                    changed = true
                }
            }
        }
        return String(rest)
    }
}
