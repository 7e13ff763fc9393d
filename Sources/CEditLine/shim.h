#ifndef BATON_CEDITLINE_SHIM_H
#define BATON_CEDITLINE_SHIM_H
#include <histedit.h>
#endif
