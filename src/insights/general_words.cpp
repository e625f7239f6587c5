// Content words that carry no topic of their own, per language: what the Snowball stop-word lists leave out
// but a theme's keywords should not lead with. Chosen by hand for workshop notes and consultation answers:
// modal and auxiliary verbs ("måste", "får"), the verbs of having, doing, becoming, going and coming, of
// saying, thinking and feeling ("tycker", "tror", "känns"), "gäller"/"concerns", generic nouns ("sak",
// "thing"), quantities and degree ("mycket", "lite", "väldigt"), frequency ("alltid", "ofta") and the
// generic evaluations and sizes ("bra", "dålig", "lång", "stor"). Words that are also common nouns are left out
// ("kort" is short but also a card, "vara" to be but also goods, "lot" a parking lot). They stay in the notes'
// vectors (the themes do not change); only keyword ranking weighs them down.
#include <algorithm>
#include <string_view>
#include <vector>

#include "servicedesign/insights/text.hpp"

namespace servicedesign::insights {

namespace {

std::vector<std::string_view> sorted(std::vector<std::string_view> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

}  // namespace

const std::vector<std::string_view>& general_words(Language language) {
  static const std::vector<std::string_view> swedish = sorted({
      "måste", "ska", "skall", "skulle", "kan", "kunde", "kunna", "får", "fick", "fått", "bör", "borde", "vill",
      "ville", "behöver", "behövs", "behövde", "gäller", "finns", "fanns", "göra", "gör", "gjorde", "gjort", "blir",
      "bli", "blev", "blivit", "är", "varit", "ha", "har", "hade", "haft", "tycker", "tyckte", "tycka", "tror",
      "trodde", "tänker", "tänka", "känns", "kändes", "känner", "verkar", "se", "ser", "såg", "säga", "säger", "sa",
      "sade", "ta", "tar", "tog", "ge", "ger", "gav", "gå", "går", "gick", "komma", "kommer", "kom", "sak", "saken",
      "saker", "grej", "grejer", "del", "delen", "sätt", "sättet", "gång", "gången", "gånger", "lite", "mycket",
      "många", "flera", "fler", "mer", "mera", "mest", "bra", "bättre", "bäst", "dålig", "dåligt", "dåliga", "sämre",
      "stor", "stort", "stora", "större", "liten", "litet", "små", "mindre", "lång", "långt", "långa", "längre", "ny",
      "nytt", "nya", "gammal", "gamla", "viktig", "viktigt", "viktiga", "alltid", "aldrig", "ofta", "ibland", "också",
      "redan", "ganska", "väldigt", "jätte", "verkligen", "egentligen", "typ", "okej", "ok"});
  static const std::vector<std::string_view> norwegian = sorted({  // Bokmål and Nynorsk
      "må", "måtte", "skal", "skulle", "kan", "kunne", "får", "fikk", "fekk", "bør", "burde", "vil", "ville", "trenger",
      "treng", "trengs", "gjelder", "gjeld", "finnes", "fins", "finst", "gjøre", "gjør", "gjorde", "gjort", "gjere",
      "gjer", "blir", "bli", "ble", "vart", "blitt", "være", "vere", "er", "var", "vært", "ha", "har", "hadde", "hatt",
      "synes", "syns", "tykkjer", "tror", "trur", "tenker", "tenkjer", "føles", "kjennes", "virker", "se", "ser", "såg",
      "si", "sier", "seier", "sa", "ta", "tar", "tok", "gi", "gir", "gjev", "ga", "gå", "går", "gikk", "gjekk", "komme",
      "kommer", "kjem", "kom", "ting", "tingen", "del", "delen", "måte", "måten", "gang", "gangen", "ganger", "gonger",
      "litt", "mye", "mykje", "mange", "flere", "fleire", "mer", "meir", "mest", "bra", "bedre", "best", "dårlig",
      "dårleg", "dårlige", "verre", "stor", "stort", "store", "større", "liten", "lite", "små", "mindre", "lang",
      "langt", "lange", "lengre", "ny", "nytt", "nye", "gammel", "gamle", "viktig", "viktige", "alltid", "aldri",
      "ofte", "også", "òg", "allerede", "alt", "ganske", "veldig", "skikkelig", "egentlig", "eigentleg", "ok"});
  static const std::vector<std::string_view> danish = sorted({
      "må", "måtte", "skal", "skulle", "kan", "kunne", "får", "fik", "fået", "bør", "burde", "vil", "ville", "behøver",
      "behøves", "gælder", "findes", "fandtes", "gøre", "gør", "gjorde", "gjort", "bliver", "blive", "blev", "blevet",
      "være", "er", "var", "været", "have", "har", "havde", "haft", "synes", "syntes", "tror", "troede", "tænker",
      "føles", "føler", "virker", "se", "ser", "sige", "siger", "sagde", "tage", "tager", "tog", "give", "giver", "gav",
      "gå", "går", "gik", "komme", "kommer", "kom", "ting", "tingen", "del", "delen", "måde", "måden", "gang", "gangen",
      "gange", "lidt", "meget", "mange", "flere", "mere", "mest", "god", "godt", "gode", "bedre", "bedst", "dårlig",
      "dårligt", "dårlige", "værre", "stor", "stort", "store", "større", "lille", "små", "mindre", "lang", "langt",
      "lange", "længere", "ny", "nyt", "nye", "gammel", "gamle", "vigtig", "vigtigt", "vigtige", "altid", "aldrig",
      "ofte", "også", "allerede", "rigtig", "virkelig", "egentlig", "ok"});
  static const std::vector<std::string_view> english = sorted({
      "must", "should", "shall", "could", "would", "can", "may", "might", "need", "needs", "needed", "get", "gets",
      "got", "getting", "make", "makes", "made", "making", "do", "does", "did", "done", "go", "goes", "going", "went",
      "come", "comes", "came", "take", "takes", "took", "give", "gives", "gave", "think", "thinks", "thought", "feel",
      "feels", "felt", "seem", "seems", "see", "sees", "seen", "say", "says", "said", "want", "wants", "thing",
      "things", "way", "ways", "lots", "bit", "part", "good", "better", "best", "bad", "worse", "worst", "big",
      "bigger", "small", "smaller", "long", "longer", "new", "old", "important", "always", "never", "often",
      "sometimes", "also", "already", "really", "very", "quite", "actually", "just", "still", "ok", "okay", "please"});
  static const std::vector<std::string_view> none;
  switch (language) {
    case Language::swedish: return swedish;
    case Language::norwegian: return norwegian;
    case Language::danish: return danish;
    case Language::english: return english;
    case Language::unknown: break;
  }
  return none;
}

bool is_general_word(std::string_view word, Language language) {
  const auto& words = general_words(language);
  return std::binary_search(words.begin(), words.end(), word);
}

}  // namespace servicedesign::insights
