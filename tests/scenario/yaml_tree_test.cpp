#include "scenario/yaml_tree.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_paths.hpp"

namespace regsim::yaml {
namespace {

// The tree yaml-cpp's own loader gives, written the way parse() must see it: every value with its
// kind, text and place, maps in the order written (keys written twice stay twice).
void describe(const YAML::Node& node, std::ostream& out) {
  out << node.Mark().line + 1 << ':' << node.Mark().column + 1 << ' ';
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      out << "scalar \"" << node.Scalar() << "\"\n";
      break;
    case YAML::NodeType::Null:
      out << "null\n";
      break;
    case YAML::NodeType::Sequence:
      out << "sequence " << node.size() << '\n';
      for (const auto& item : node) describe(item, out);
      break;
    case YAML::NodeType::Map:
      out << "map " << node.size() << '\n';
      for (const auto& entry : node) {
        describe(entry.first, out);
        describe(entry.second, out);
      }
      break;
    default:
      out << "undefined\n";
  }
}

void describe(const Node& node, std::ostream& out) {
  out << node.location().line << ':' << node.location().column << ' ';
  switch (node.kind()) {
    case Node::Kind::scalar:
      out << "scalar \"" << node.Scalar() << "\"\n";
      break;
    case Node::Kind::null:
      out << "null\n";
      break;
    case Node::Kind::sequence:
      out << "sequence " << node.size() << '\n';
      for (const Node& item : node.items()) describe(item, out);
      break;
    case Node::Kind::map:
      out << "map " << node.size() << '\n';
      for (const auto& [key, value] : node.entries()) {
        describe(key, out);
        describe(value, out);
      }
      break;
    default:
      out << "undefined\n";
  }
}

std::string as_yaml_cpp_loads_it(const std::string& text) {
  std::ostringstream out;
  describe(YAML::Load(text), out);
  return out.str();
}

std::string as_parsed(const std::string& text) {
  std::ostringstream out;
  describe(parse(text, "doc.yaml"), out);
  return out.str();
}

TEST(YamlTree, EveryShippedScenarioGivesTheTreeYamlCppLoads) {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::source_path("scenarios"))) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(as_parsed(text), as_yaml_cpp_loads_it(text)) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 10);
}

TEST(YamlTree, TrickyDocumentsGiveTheTreeYamlCppLoads) {
  const std::vector<std::string> documents = {
      "",
      "---\n",
      "# only a comment\n",
      "plain",
      "a: 1\na: 2\n",  // a key written twice stays twice
      "a:\nb: ~\nc: null\nd: ''\ne: \"null\"\n",
      "list: [1, [2, 3], {x: y}]\nmap: {a: [b], c: }\n",
      "- &x {k: v}\n- *x\n- *x\n",
      "base: &b\n  one: 1\n  two: [2, 2]\ncopy: *b\n",
      "? [complex, key]\n: value\n",
      "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
      "tagged: !!str 12\nquoted: '12'\n",
      "first: 1\n---\nsecond: 2\n",  // only the first document counts
      "&a x: *a\n",
  };
  for (const std::string& text : documents) EXPECT_EQ(as_parsed(text), as_yaml_cpp_loads_it(text)) << text;
}

TEST(YamlTree, AnAliasSharesWhatItNames) {
  const Node root = parse("one: &shared {k: [1, 2]}\ntwo: *shared\n", "doc.yaml");
  const Node one = root.get("one");
  const Node two = root.get("two");
  ASSERT_TRUE(two.IsMap());
  EXPECT_EQ(&one.get("k").items(), &two.get("k").items());
  EXPECT_EQ(two.location().line, 1U);  // where the anchored value is written
}

TEST(YamlTree, AnAliasBombIsRefusedBeforeItIsWrittenOut) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  const std::string names = "abcdefghijklmnop";
  for (std::size_t level = 1; level < names.size(); ++level) {
    text += std::string(1, names[level]) + ": &" + names[level] + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i == 0 ? "" : ", ") + "*" + names[level - 1];
    text += "]\n";
  }
  try {
    parse(text, "bomb.yaml");
    FAIL() << "expected the document to be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bomb.yaml:1:1: the document stands for more values than its text"),
              std::string::npos)
        << e.what();
  }
}

TEST(YamlTree, AnAliasInsideWhatItNamesIsRefused) {
  // yaml-cpp's parser lets `&a [*a]` through as an anchor it has already seen; the tree would be
  // endless.
  EXPECT_THROW(parse("a: &a [1, *a]\n", "loop.yaml"), InputError);
}

TEST(YamlTree, FewAliasesWithinTheBudgetAreKept) {
  const Node root = parse("a: &a [1, 2, 3]\nb: [*a, *a, *a]\n", "doc.yaml");
  EXPECT_EQ(root.get("b").size(), 3U);
  EXPECT_EQ(root.get("b")[2].size(), 3U);
}

TEST(YamlTree, ASyntaxErrorIsLocated) {
  try {
    parse("a: [1, 2\nb: 3\n", "broken.yaml");
    FAIL() << "expected a syntax error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("broken.yaml:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not valid YAML"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace regsim::yaml
