// compiler/ingest: charset labels, BOMs, declared-charset sniffing and conversion to UTF-8
// (see charset.hpp). No I/O; an iconv descriptor lives for one call.
#include "ingest/charset.hpp"

#include <array>
#include <bitset>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>

#include <iconv.h>

#include "ingest/utf8.hpp"

namespace sheaf {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

const char* iconv_name(Charset charset) {
  if (charset == Charset::utf8 || charset == Charset::unknown) {
    throw std::invalid_argument("convert_to_utf8: no iconv conversion for this charset");
  }
  // glibc knows the names users see (string literals, so NUL-terminated).
  return charset_name(charset).data();
}

bool byte_in(std::string_view s, size_t index, unsigned lo, unsigned hi) {
  return index < s.size() && static_cast<unsigned char>(s[index]) >= lo &&
         static_cast<unsigned char>(s[index]) <= hi;
}

/// Whether `tail` is the start of one character cut off by the end of the input. (iconv also
/// says EINVAL for some bad sequences amid the input, e.g. GB18030 A5 30 78: those are not.)
bool is_cut_character(std::string_view tail, Charset charset) {
  const size_t n = tail.size();
  switch (charset) {
    case Charset::utf16le:
      return n == 1 || (n < 4 && byte_in(tail, 1, 0xD8, 0xDB));  // a high surrogate, alone
    case Charset::utf16be:
      return n == 1 || (n < 4 && byte_in(tail, 0, 0xD8, 0xDB));
    case Charset::utf32le:
    case Charset::utf32be:
      return n < 4;
    case Charset::gb18030:  // lead, then 30..39 and 81..FE of a four-byte sequence
      return byte_in(tail, 0, 0x81, 0xFE) &&
             (n == 1 || (byte_in(tail, 1, 0x30, 0x39) &&
                         (n == 2 || (n == 3 && byte_in(tail, 2, 0x81, 0xFE)))));
    case Charset::big5:
      return n == 1 && byte_in(tail, 0, 0x81, 0xFE);
    default:
      return false;
  }
}

/// How many bytes the bad sequence at `offset` spans (see convert_to_utf8).
size_t bad_sequence_size(std::string_view bytes, size_t offset, Charset charset) {
  const std::string_view s = bytes.substr(offset);
  size_t size = 1;
  if (charset == Charset::utf16le || charset == Charset::utf16be) {
    size = 2;
  } else if (charset == Charset::utf32le || charset == Charset::utf32be) {
    size = 4;
  } else if ((charset == Charset::gb18030 || charset == Charset::big5) &&
             byte_in(s, 0, 0x81, 0xFE)) {
    const bool four = charset == Charset::gb18030 && byte_in(s, 1, 0x30, 0x39) &&
                      byte_in(s, 2, 0x81, 0xFE) && byte_in(s, 3, 0x30, 0x39);
    size = four ? 4 : byte_in(s, 1, 0x80, 0xFF) ? 2 : 1;  // an ASCII byte stays text
  }
  return size < s.size() ? size : s.size();
}

void note_bad(Conversion& out, size_t offset, size_t size_bytes) {
  if (out.bad_sequences == 0) {
    out.first_bad_offset = offset;
    out.first_bad_utf8_offset = out.utf8.size();
  }
  ++out.bad_sequences;
  out.bad_bytes += size_bytes;
  out.utf8.append(kReplacement);
}

/// One iconv descriptor to UTF-8, closed on every path out.
class IconvHandle {
 public:
  explicit IconvHandle(const char* from) : cd_(iconv_open("UTF-8", from)) {
    if (cd_ == reinterpret_cast<iconv_t>(static_cast<intptr_t>(-1))) {
      throw std::runtime_error(std::string("iconv cannot convert from ") + from +
                               " (glibc gconv modules missing?)");
    }
  }

  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;

  ~IconvHandle() { iconv_close(cd_); }

  /// Converts what it can of [in, in + in_left) into out; returns iconv's result and errno.
  /// A null `in` flushes the shift state (Big5-HKSCS holds back a base letter to compose).
  std::pair<bool, int> step(char** in, size_t* in_left, std::string& out) {
    std::array<char, 8192> buffer;
    char* next = buffer.data();
    size_t room = buffer.size();
    const size_t result = iconv(cd_, in, in_left, &next, &room);
    const int error = errno;
    out.append(buffer.data(), static_cast<size_t>(next - buffer.data()));
    return {result != static_cast<size_t>(-1), error};
  }

  /// Converts all of `piece` and appends it to out, or leaves out as it was and returns false.
  bool convert_whole(std::string_view piece, std::string& out) {
    const size_t size = out.size();
    char* in = const_cast<char*>(piece.data());  // iconv(3) never writes through it
    size_t in_left = piece.size();
    const bool ok = step(&in, &in_left, out).first && step(nullptr, nullptr, out).first;
    if (!ok) {
      out.resize(size);
      iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    }
    return ok;
  }

 private:
  iconv_t cd_;
};

Conversion convert_with_iconv(std::string_view bytes, Charset from) {
  IconvHandle cd(iconv_name(from));
  // glibc's BIG5 lacks the HKSCS extensions, and its BIG5-HKSCS lacks 57 Big5 codes (A1C3,
  // A1FE, ...) and maps 371 others differently: Big5 first, then HKSCS for a pair it rejects.
  std::optional<IconvHandle> hkscs;
  if (from == Charset::big5) {
    hkscs.emplace("BIG5-HKSCS");
  }
  Conversion out;
  out.utf8.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());  // iconv(3) never writes through it
  size_t in_left = bytes.size();
  while (in_left > 0) {
    const auto [ok, error] = cd.step(&in, &in_left, out.utf8);
    if (ok || error == E2BIG) {
      continue;
    }
    const auto offset = static_cast<size_t>(in - bytes.data());
    const std::string_view rest = bytes.substr(offset);
    cd.step(nullptr, nullptr, out.utf8);  // what was held back comes before the bad bytes
    size_t size = 2;
    if (!hkscs || !byte_in(rest, 0, 0x81, 0xFE) || rest.size() < 2 ||
        !hkscs->convert_whole(rest.substr(0, 2), out.utf8)) {
      // A character cut off by the end is one bad sequence; anything else skips one sequence.
      const bool cut = error == EINVAL && is_cut_character(rest, from);
      size = cut ? rest.size() : bad_sequence_size(bytes, offset, from);
      note_bad(out, offset, size);
    }
    in += size;
    in_left -= size;
  }
  cd.step(nullptr, nullptr, out.utf8);
  return out;
}

}  // namespace

std::string normalize_label(std::string_view label) {
  while (!label.empty() && is_space(label.front())) {
    label.remove_prefix(1);
  }
  while (!label.empty() && is_space(label.back())) {
    label.remove_suffix(1);
  }
  std::string out(label);
  for (char& c : out) {
    c = ascii_lower(c);
  }
  return out;
}

std::string_view charset_name(Charset charset) {
  switch (charset) {
    case Charset::utf8:
      return "UTF-8";
    case Charset::utf16le:
      return "UTF-16LE";
    case Charset::utf16be:
      return "UTF-16BE";
    case Charset::utf32le:
      return "UTF-32LE";
    case Charset::utf32be:
      return "UTF-32BE";
    case Charset::gb18030:
      return "GB18030";
    case Charset::big5:
      return "Big5";
    case Charset::windows1252:
      return "windows-1252";
    case Charset::unknown:
      break;
  }
  return "unknown";
}

Charset charset_from_label(std::string_view label) {
  struct Labels {
    Charset charset;
    std::string_view names;  // space-separated
  };

  // The WHATWG Encoding Standard's labels for these encodings, plus common Windows aliases.
  static constexpr std::array<Labels, 8> kLabels = {{
      {Charset::utf8, "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8"},
      {Charset::gb18030,
       "gb2312 gbk gb18030 x-gbk cp936 ms936 windows-936 csgb2312 chinese gb_2312 gb_2312-80 "
       "iso-ir-58 euc-cn csiso58gb231280"},
      {Charset::big5, "big5 big5-hkscs cn-big5 csbig5 x-x-big5 cp950 ms950 windows-950"},
      {Charset::utf16le, "utf-16 utf-16le unicode ucs-2 csunicode iso-10646-ucs-2 unicodefeff"},
      {Charset::utf16be, "utf-16be unicodefffe"},
      {Charset::utf32le, "utf-32 utf-32le"},
      {Charset::utf32be, "utf-32be"},
      {Charset::windows1252,
       "windows-1252 cp1252 x-cp1252 iso-8859-1 iso8859-1 iso_8859-1 iso88591 latin1 l1 "
       "us-ascii ascii ansi_x3.4-1968 cp819 ibm819 csisolatin1"},
  }};
  const std::string key = normalize_label(label);
  if (key.empty() || key.find(' ') != std::string::npos) {
    return Charset::unknown;
  }
  for (const Labels& group : kLabels) {
    for (size_t pos = group.names.find(key); pos != std::string_view::npos;
         pos = group.names.find(key, pos + 1)) {
      const size_t end = pos + key.size();
      if ((pos == 0 || group.names[pos - 1] == ' ') &&
          (end == group.names.size() || group.names[end] == ' ')) {
        return group.charset;
      }
    }
  }
  return Charset::unknown;
}

Bom detect_bom(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    return {Charset::utf8, 3};
  }
  if (bytes.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) {
    return {Charset::utf32le, 4};
  }
  if (bytes.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) {
    return {Charset::utf32be, 4};
  }
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    return {Charset::utf16le, 2};
  }
  if (bytes.substr(0, 2) == "\xFE\xFF") {
    return {Charset::utf16be, 2};
  }
  return {};
}

Conversion convert_to_utf8(std::string_view bytes, Charset from) {
  if (from != Charset::utf8) {
    return convert_with_iconv(bytes, from);
  }
  Utf8Repair repaired = repair_utf8(bytes);
  Conversion out;
  out.bad_sequences = repaired.invalid_sequences;
  if (repaired.invalid_sequences > 0) {
    // Valid sequences are copied as they are, so what is missing went into the U+FFFDs.
    out.bad_bytes =
        bytes.size() + kReplacement.size() * repaired.invalid_sequences - repaired.text.size();
    out.first_bad_offset = repaired.first_invalid_offset;
    out.first_bad_utf8_offset = repaired.first_invalid_offset;
  }
  out.utf8 = std::move(repaired.text);
  return out;
}

namespace {

/// About 1,600 of the most frequent simplified hanzi (roughly in frequency order, written from
/// general knowledge of published frequency lists), then the traditional forms of those that
/// differ. Only membership matters: neither the order nor an odd rarer entry does.
constexpr std::string_view kCommonHanzi =
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之"
    "年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样"
    "理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将"
    "两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信"
    "表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔"
    "更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统"
    "区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品"
    "住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根"
    "干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流"
    "备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越"
    "器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突"
    "专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态"
    "护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故"
    "按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职"
    "速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤"
    "素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略"
    "范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚"
    "善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶"
    "块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序"
    "升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移"
    "娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸"
    "予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授"
    "诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍"
    "凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘"
    "亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞"
    "街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞"
    "圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币"
    "丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂"
    "奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗"
    "杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启"
    "尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢"
    "赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘"
    "耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番"
    "箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭"
    "腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞"
    "拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜"
    "浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳"
    // traditional forms of the above that differ
    "這個們來為國說時會對發後裡裏過種經麼學現當沒動還進樣實軍無與長機開關點業將兩間問戰頭體見"
    "產從應門東聲義電數報結務場計資條區隊統決處總邊級風車親極類導運飛識華傳師觀讓帶爭論題氣難"
    "權記張該規萬領確書聽專費號盡較語僅隨選響雖勢參眾構節維劃敵陳態護興驗責營夠術絕緊黃項織鬥"
    "雙紀採舉殺蘇訴細願錢熱職樂剛獨彈創錯預誰陽繼驚傷藥適衛險陸習勞財環歡獲負雲龍樹層衝範異漢"
    "簡擔靜積餘檢協徵勝階審堅媽劉讀壓銀買養懷執亂幫歲優鐵稅藝陣腳惡塊頓島戶評寶釋顧貨閱換聞壞"
    "討麗監臨員內馬魚鳥齊話請認議設許訂課調談謝變爾愛覺寫廣廳歷強錄復戀擊據斷舊曉標歐滿燈爲狀"
    "猶畫療碼禮離穩窮築糧約紅純紙組終給絲綜網線練縣績續聯腦臉蘭視覽訊訓訪試詩誌誤諸謀講證豐貢"
    "販貧貴貿賣質購趙趕輕輔輪轉農達違遠遺遷鄉鄰醫針鎮閉閃陰際雞頁頂須顏顯飯飲館髮鳴麥黨濟單廠"
    "歸額順輸搖補謂澤滅筆鮮詞聖擇尋載園榮孫爺礎寧莊戲隱軟夥盤擴蓋億擁楊賽虛絡樓銷鐘劇損葉圖價"
    "則備稱團連倫溫圓燒貸鳳償殘縮觸盜豬嚴屬飾儲禍脅嶺驅騙鄧懼紛檔嘗燦顆奪塵獎隻託輩偵儀側兇脫"
    "韓軌頸災膽廢緣賴罷縱鑒鄭濤顛濕櫃";

constexpr char32_t kCjkFirst = 0x4E00;
constexpr char32_t kCjkLast = 0x9FFF;
using HanziSet = std::bitset<kCjkLast - kCjkFirst + 1>;

/// Code point of the 3-byte UTF-8 sequence at s[i] when it lies in U+4E00..U+9FFF (leads E4..E9
/// are never continuation bytes, so a byte-wise scan cannot start mid-sequence), else 0.
char32_t cjk_at(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0xE4 || b0 > 0xE9 || i + 2 >= s.size()) {
    return 0;
  }
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  const auto cp = static_cast<char32_t>(((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu));
  return cp >= kCjkFirst ? cp : 0;
}

const HanziSet& common_hanzi() {
  static const HanziSet set = [] {
    HanziSet bits;
    for (size_t i = 0; i < kCommonHanzi.size(); ++i) {
      const char32_t cp = cjk_at(kCommonHanzi, i);
      if (cp != 0) {
        bits.set(cp - kCjkFirst);
      }
    }
    return bits;
  }();
  return set;
}

}  // namespace

size_t count_common_hanzi(std::string_view utf8) {
  const HanziSet& set = common_hanzi();
  size_t count = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const char32_t cp = cjk_at(utf8, i);
    if (cp != 0) {
      count += set.test(cp - kCjkFirst) ? 1 : 0;
      i += 2;
    }
  }
  return count;
}

}  // namespace sheaf
