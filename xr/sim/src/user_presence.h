#pragma once
// XR_EXT_user_presence's names and structs, which Debian's OpenXR 1.0.20 headers predate
// (the extension is number 471: its structure types are 1000470000 and 1000470001).
#include "xr_headers.h"

#ifndef XR_EXT_user_presence
#define XR_EXT_user_presence 1
#define XR_EXT_user_presence_SPEC_VERSION 1
#define XR_EXT_USER_PRESENCE_EXTENSION_NAME "XR_EXT_user_presence"
#define XR_TYPE_EVENT_DATA_USER_PRESENCE_CHANGED_EXT static_cast<XrStructureType>(1000470000)
#define XR_TYPE_SYSTEM_USER_PRESENCE_PROPERTIES_EXT static_cast<XrStructureType>(1000470001)
typedef struct XrEventDataUserPresenceChangedEXT {
  XrStructureType type;
  const void* XR_MAY_ALIAS next;
  XrSession session;
  XrBool32 isUserPresent;
} XrEventDataUserPresenceChangedEXT;
typedef struct XrSystemUserPresencePropertiesEXT {
  XrStructureType type;
  void* XR_MAY_ALIAS next;
  XrBool32 supportsUserPresence;
} XrSystemUserPresencePropertiesEXT;
#endif
