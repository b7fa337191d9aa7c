// compiler, extract stage (internal): libxml2's memory for one page from an arena.
//
// Why: building a page's tree makes libxml2 call malloc for every node, name copy, attribute
// and text (about 100,000 calls on a large page), and xmlFreeDoc then walks the whole tree to
// free them one by one. Together that was about a sixth of a `sheaf extract` run. While an
// ArenaScope is alive on a thread, libxml2 allocates from that thread's arena by bumping a
// pointer; freeing such memory does nothing, and the scope's end makes the whole arena reusable
// at once, so the tree needs no xmlFreeDoc. Outside a scope libxml2 uses malloc as before.
// Not a public header: html_page.cpp uses it.
#pragma once

namespace sheaf::parse::html {

/// Routes libxml2's allocation functions through the arenas. Call once, before any parser
/// runs and before libxml2 allocates anything it keeps (html_page.cpp's init_libxml2).
void install_xml_arena();

/// While alive, libxml2 allocates on this thread from the thread's arena. Everything libxml2
/// allocated meanwhile (the tree, the parser's buffers) must be dead when the scope ends: the
/// memory is then reused for the next page. A scope inside another one does nothing.
class XmlArenaScope {
 public:
  XmlArenaScope();
  ~XmlArenaScope();
  XmlArenaScope(const XmlArenaScope&) = delete;
  XmlArenaScope& operator=(const XmlArenaScope&) = delete;

  /// True when the scope's end releases what libxml2 allocated in it (it is the outer scope),
  /// so a tree built in it needs no xmlFreeDoc.
  bool releases() const { return outer_; }

 private:
  bool outer_ = false;  ///< this scope activated the arena (and resets it)
};

}  // namespace sheaf::parse::html
